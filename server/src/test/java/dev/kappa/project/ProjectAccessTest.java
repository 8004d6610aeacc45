package dev.kappa.project;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what with projects and their members: each role, and anonymous, against each endpoint. */
class ProjectAccessTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http anonymous;
    static Http engineer;
    static Users.Created member;
    static Users.Created outsider;
    static long project;
    static long hidden;

    @BeforeAll
    static void setUp() {
        anonymous = server.http();
        engineer = server.engineer().http();
        member = server.user("annotator", "crowd");
        outsider = server.user("annotator", "expert");
        project = engineer.post("/api/projects", ProjectsTest.sentiment()).json().getLong("id");
        hidden = engineer.post("/api/projects", ProjectsTest.sentiment().put("name", "secret")).json().getLong("id");
        assertEquals(201, engineer.post("/api/projects/" + project + "/members", new JsonObject().put("user_id", member.id())).status());
    }

    @Test
    @DisplayName("creating a project: anonymous 401, annotator 403, engineer and admin 201")
    void createMatrix() {
        JsonObject body = ProjectsTest.sentiment();
        assertEquals(401, anonymous.post("/api/projects", body).status());
        assertEquals(403, member.http().post("/api/projects", body).status());
        assertEquals(201, engineer.post("/api/projects", body).status());
        assertEquals(201, server.admin().post("/api/projects", body).status());
    }

    @Test
    @DisplayName("reading a project: anonymous 401, member 200 without policies, non-member annotator 404 like a missing id")
    void readMatrix() {
        assertEquals(401, anonymous.get("/api/projects/" + project).status());
        Http.Response seen = member.http().get("/api/projects/" + project);
        assertEquals(200, seen.status(), seen.body());
        assertFalse(seen.json().containsKey("gold_rate"), "annotators must not see the gold rate");
        assertFalse(seen.json().containsKey("hourly_rate"));
        assertTrue(seen.json().containsKey("instructions_html"));
        Http.Response other = outsider.http().get("/api/projects/" + project);
        Http.Response missing = outsider.http().get("/api/projects/999999");
        assertEquals(404, other.status());
        assertEquals(404, missing.status());
        assertEquals(404, member.http().get("/api/projects/" + hidden).status());
        assertEquals(200, engineer.get("/api/projects/" + hidden).status());
        assertEquals(200, server.admin().get("/api/projects/" + hidden).status());
    }

    @Test
    @DisplayName("the project list shows an annotator only the projects they are a member of; engineers see all")
    void listMatrix() {
        assertEquals(401, anonymous.get("/api/projects").status());
        assertEquals(List.of(project), ids(member.http().get("/api/projects").json().getJsonArray("projects")));
        assertEquals(List.of(), ids(outsider.http().get("/api/projects").json().getJsonArray("projects")));
        List<Long> all = ids(engineer.get("/api/projects?limit=1000").json().getJsonArray("projects"));
        assertTrue(all.contains(project) && all.contains(hidden));
    }

    @Test
    @DisplayName("changing a project: anonymous 401, member annotator 403, non-member annotator 404, engineer 200")
    void patchMatrix() {
        JsonObject change = new JsonObject().put("description", "x");
        assertEquals(401, anonymous.patch("/api/projects/" + project, change).status());
        assertEquals(403, member.http().patch("/api/projects/" + project, change).status());
        assertEquals(404, outsider.http().patch("/api/projects/" + project, change).status());
        assertEquals(200, engineer.patch("/api/projects/" + project, change).status());
        assertEquals(404, engineer.patch("/api/projects/999999", change).status());
    }

    @Test
    @DisplayName("membership: managers add (201, then 200), list and remove (204, then 404); annotators get 403 or 404")
    void membersMatrix() {
        Users.Created newcomer = server.user("annotator", "crowd");
        String path = "/api/projects/" + hidden + "/members";
        JsonObject body = new JsonObject().put("user_id", newcomer.id());
        assertEquals(401, anonymous.post(path, body).status());
        assertEquals(404, member.http().post(path, body).status());
        assertEquals(403, member.http().get("/api/projects/" + project + "/members").status());
        assertEquals(404, newcomer.http().get("/api/projects/" + hidden).status());
        assertEquals(201, engineer.post(path, body).status());
        assertEquals(200, engineer.post(path, body).status());
        assertEquals(200, newcomer.http().get("/api/projects/" + hidden).status());
        JsonArray members = engineer.get(path).json().getJsonArray("members");
        assertEquals(newcomer.id(), members.getJsonObject(0).getLong("user_id"));
        assertEquals("crowd", members.getJsonObject(0).getString("tier"));
        assertEquals(403, member.http().delete("/api/projects/" + project + "/members/" + member.id()).status());
        assertEquals(204, engineer.delete(path + "/" + newcomer.id()).status());
        assertEquals(404, engineer.delete(path + "/" + newcomer.id()).status());
        assertEquals(404, newcomer.http().get("/api/projects/" + hidden).status());
        Http.Response unknown = engineer.post(path, new JsonObject().put("user_id", 987654));
        assertEquals(422, unknown.status());
        assertEquals("user_id", unknown.json().getString("field"));
        assertEquals("user_id", engineer.post(path, new JsonObject()).json().getString("field"));
    }

    static List<Long> ids(JsonArray projects) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            out.add(projects.getJsonObject(i).getLong("id"));
        }
        return out;
    }
}
