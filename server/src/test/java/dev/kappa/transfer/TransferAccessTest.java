package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uploads, the item listing and the export, for each role and anonymous: only managers use them. */
class TransferAccessTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static Users.Created member;
    static Users.Created outsider;
    static long project;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        ItemImportTest.engineer = engineer;
        member = server.user("annotator", "crowd");
        outsider = server.user("annotator", "crowd");
        project = ItemImportTest.project(engineer, "single", "pos", "neg");
        assertEquals(201, engineer.post("/api/projects/" + project + "/members", new JsonObject().put("user_id", member.id())).status());
        assertEquals(200, engineer.post("/api/projects/" + project + "/items", "{\"external_id\": \"q1\", \"data\": {}, \"gold\": \"pos\"}\n",
                "application/x-ndjson").status());
    }

    record Call(String method, String path, String body) {
    }

    static List<Call> calls() {
        String p = "/api/projects/" + project;
        return List.of(
                new Call("POST", p + "/items", "{\"external_id\": \"q2\", \"data\": {}}\n"),
                new Call("POST", p + "/predictions?model=m&version=1", "{\"item\": \"q1\", \"label\": \"pos\", \"score\": 1}\n"),
                new Call("POST", p + "/answers/import", "{\"item\": \"q1\", \"annotator\": \"acc-w\", \"tier\": \"crowd\", \"label\": \"pos\"}\n"),
                new Call("GET", p + "/items", null),
                new Call("GET", p + "/export", null));
    }

    static int status(Http http, Call c) {
        return c.method().equals("GET") ? http.get(c.path()).status() : http.post(c.path(), c.body(), "application/x-ndjson").status();
    }

    @Test
    @DisplayName("anonymous callers get 401 on every upload, the listing and the export")
    void anonymous() {
        for (Call c : calls()) {
            assertEquals(401, status(server.http(), c), c.toString());
        }
    }

    @Test
    @DisplayName("an annotator who is a member gets 403 (they never see gold, predictions or others' answers this way)")
    void memberAnnotator() {
        for (Call c : calls()) {
            assertEquals(403, status(member.http(), c), c.toString());
        }
    }

    @Test
    @DisplayName("an annotator who is not a member gets 404, exactly as for a project that does not exist")
    void outsiderAnnotator() {
        for (Call c : calls()) {
            assertEquals(404, status(outsider.http(), c), c.toString());
            assertEquals(404, status(outsider.http(), new Call(c.method(), c.path().replace("/projects/" + project, "/projects/987654"), c.body())));
        }
    }

    @Test
    @DisplayName("engineers and admins get 200 on every upload, the listing and the export")
    void managers() {
        for (Http http : List.of(engineer, server.admin())) {
            for (Call c : calls()) {
                assertEquals(200, status(http, c), c.toString());
            }
        }
    }
}
