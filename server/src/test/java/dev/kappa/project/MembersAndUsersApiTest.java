package dev.kappa.project;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members by email or external worker id, users' last activity and the Markdown preview, over real HTTP. */
class MembersAndUsersApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http admin;
    static long project;

    @BeforeAll
    static void setUp() {
        admin = server.admin();
        Http.Response r = admin.post("/api/projects", new JsonObject().put("name", "members")
                .put("schema", new JsonObject().put("kind", "single").put("labels", new JsonArray()
                        .add(new JsonObject().put("key", "a").put("name", "A")).add(new JsonObject().put("key", "b").put("name", "B"))))
                .put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        project = r.json().getLong("id");
        admin.post("/api/projects/" + project + "/items", "{\"external_id\":\"x1\",\"data\":{\"text\":\"t\"}}\n", "application/x-ndjson");
    }

    private static void assertProblem(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.toString());
        if (field != null) {
            assertEquals(field, r.json().getString("field"), r.toString());
        }
    }

    @Test
    void membersAreAddedByEmailOrExternalIdAndRemoved() {
        Users.Created byEmail = server.user("annotator", "crowd");
        String worker = "mturk-" + UUID.randomUUID();
        long external = admin.post("/api/users", new JsonObject().put("external_id", worker).put("role", "annotator").put("tier", "expert"))
                .json().getLong("id");
        String members = "/api/projects/" + project + "/members";
        Http.Response added = admin.post(members, new JsonObject().put("email", byEmail.email().toUpperCase()));
        assertEquals(201, added.status(), added.toString());
        assertEquals(byEmail.id(), added.json().getLong("user_id"));
        assertEquals(200, admin.post(members, new JsonObject().put("email", byEmail.email())).status(), "already a member");
        Http.Response ext = admin.post(members, new JsonObject().put("external_id", worker));
        assertEquals(201, ext.status());
        assertEquals(external, ext.json().getLong("user_id"));
        assertEquals(2, admin.get(members).json().getJsonArray("members").size());

        assertProblem(admin.post(members, new JsonObject().put("email", "nobody@kappa.test")), 422, "email");
        assertProblem(admin.post(members, new JsonObject().put("external_id", "no-such-worker")), 422, "external_id");
        assertProblem(admin.post(members, new JsonObject()), 422, "user_id");
        assertProblem(admin.post(members, new JsonObject().put("email", byEmail.email()).put("external_id", worker)), 422, null);
        assertProblem(admin.post(members, new JsonObject().put("user_id", 1e30)), 422, "user_id");
        assertProblem(admin.post(members, new JsonObject().put("user_id", 99_999_999)), 422, "user_id");
        assertProblem(admin.post(members, new JsonObject().put("email", "a\u0000b@kappa.test")), 422, "email");
        assertProblem(admin.post(members, new JsonObject().put("email", "x".repeat(400))), 422, "email");
        assertProblem(admin.post("/api/projects/987654321/members", new JsonObject().put("email", byEmail.email())), 404, null);
        assertProblem(byEmail.http().post(members, new JsonObject().put("external_id", worker)), 403, null);

        assertEquals(204, admin.delete(members + "/" + external).status());
        assertProblem(admin.delete(members + "/" + external), 404, null);
        assertEquals(1, admin.get(members).json().getJsonArray("members").size());
    }

    @Test
    void aManagerPausesAMemberInTheirProjectOnlyAndTheirNextTaskStops() {
        Users.Created manager = server.user("engineer", null);
        Users.Created otherTeam = server.user("engineer", null);
        Users.Created ann = server.user("annotator", "crowd");
        Http m = manager.http();
        long mine = m.post("/api/projects", new JsonObject().put("name", "paused here")
                .put("schema", new JsonObject().put("kind", "single").put("labels", new JsonArray()
                        .add(new JsonObject().put("key", "a").put("name", "A")).add(new JsonObject().put("key", "b").put("name", "B"))))
                .put("overlap", new JsonObject().put("crowd", 1).put("expert", 0))).json().getLong("id");
        m.post("/api/projects/" + mine + "/items", "{\"external_id\":\"p1\",\"data\":{}}\n{\"external_id\":\"p2\",\"data\":{}}\n", "application/x-ndjson");
        assertEquals(201, m.post("/api/projects/" + mine + "/members", new JsonObject().put("user_id", ann.id())).status());
        assertEquals(201, admin.post("/api/projects/" + project + "/members", new JsonObject().put("user_id", ann.id())).status());
        String member = "/api/projects/" + mine + "/members/" + ann.id();

        Http.Response paused = m.patch(member, new JsonObject().put("status", "paused"));
        assertEquals(200, paused.status(), paused.toString());
        assertNotNull(paused.json().getString("paused_at"));
        assertEquals("active", paused.json().getString("status"), "the account is untouched");
        Http.Response none = ann.http().post("/api/projects/" + mine + "/tasks/next", new JsonObject());
        assertEquals(204, none.status(), none.toString());
        assertEquals("paused", none.header("Kappa-No-Task-Reason"));
        Http.Response elsewhere = ann.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertFalse(elsewhere.status() == 204 && "paused".equals(elsewhere.header("Kappa-No-Task-Reason")),
                "another project's pause is not this one's: " + elsewhere);
        assertEquals(200, m.patch(member, new JsonObject().put("status", "paused")).status(), "pausing twice is harmless");

        assertProblem(otherTeam.http().patch(member, new JsonObject().put("status", "active")), 404, null);
        assertProblem(ann.http().patch(member, new JsonObject().put("status", "active")), 403, null);
        assertProblem(m.patch(member, new JsonObject().put("status", "blocked")), 422, "status");
        assertProblem(m.patch(member, new JsonObject().put("status", "paus\u0000ed")), 422, "status");
        assertProblem(m.patch(member, new JsonObject()), 422, "status");
        assertProblem(m.patch("/api/projects/" + mine + "/members/" + otherTeam.id(), new JsonObject().put("status", "paused")), 404, null);

        Http.Response resumed = m.patch(member, new JsonObject().put("status", "active"));
        assertEquals(200, resumed.status(), resumed.toString());
        assertNull(resumed.json().getValue("paused_at"));
        assertEquals(200, ann.http().post("/api/projects/" + mine + "/tasks/next", new JsonObject()).status());
    }

    @Test
    void usersListShowsLastActivityFromAnswersAndTokens() {
        Users.Created ann = server.user("annotator", "crowd");
        JsonObject before = find(ann.id());
        assertNull(before.getValue("last_active_at"), "a fresh user has done nothing: " + before);
        admin.post("/api/projects/" + project + "/members", new JsonObject().put("user_id", ann.id()));
        Http.Response task = ann.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, task.status(), task.toString());
        assertEquals(201, ann.http().post("/api/leases/" + task.json().getString("lease_id") + "/answer",
                new JsonObject().put("label", "a")).status());
        String after = find(ann.id()).getString("last_active_at");
        assertNotNull(after);
        assertTrue(java.time.Instant.parse(after).isAfter(java.time.Instant.now().minusSeconds(120)), after);
    }

    @Test
    void markdownPreviewIsTheSafeRendererAndOnlyForManagers() {
        Http.Response r = admin.post("/api/markdown/preview", new JsonObject().put("markdown",
                "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"));
        assertEquals(200, r.status(), r.toString());
        String html = r.json().getString("html");
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("javascript:"), html);
        assertEquals("", admin.post("/api/markdown/preview", new JsonObject().put("markdown", "")).json().getString("html"));
        assertProblem(admin.post("/api/markdown/preview", new JsonObject()), 422, "markdown");
        assertProblem(admin.post("/api/markdown/preview", new JsonObject().put("markdown", 12)), 422, "markdown");
        assertProblem(server.user("annotator", "crowd").http().post("/api/markdown/preview", new JsonObject().put("markdown", "x")), 403, null);
    }

    private static JsonObject find(long id) {
        for (Object o : admin.get("/api/users?limit=1000").json().getJsonArray("users")) {
            JsonObject u = (JsonObject) o;
            if (u.getLong("id") == id) {
                return u;
            }
        }
        throw new AssertionError("user " + id + " not listed");
    }
}
