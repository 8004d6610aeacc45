package dev.kappa.assignment;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MyProgressTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static Users.Created member(long project) {
        return server.annotator("crowd", project);
    }

    private static JsonObject progress(Users.Created u, long project) {
        Http.Response r = u.http().get("/api/projects/" + project + "/my-progress");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject next(Users.Created u, long project) {
        Http.Response r = u.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    @DisplayName("answers today and items left follow the caller's own answers, skips, and other annotators' live leases")
    void followsAnswersSkipsAndLeases() {
        long project = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, project, 5, 0);
        Users.Created a = member(project);
        Users.Created b = member(project);

        JsonObject fresh = progress(a, project);
        assertEquals(0, fresh.getLong("answers_today"));
        assertEquals(5, fresh.getLong("items_left"));
        assertFalse(fresh.getBoolean("items_left_capped"));

        JsonObject held = next(a, project);
        assertEquals(5, progress(a, project).getLong("items_left"), "an item the caller holds is still left for them");
        assertEquals(201, a.http().post("/api/leases/" + held.getString("lease_id") + "/answer", new JsonObject().put("label", "pos")).status());
        next(b, project);
        JsonObject skipped = next(a, project);
        assertEquals(204, a.http().post("/api/leases/" + skipped.getString("lease_id") + "/skip", new JsonObject().put("reason", "unclear")).status());

        JsonObject after = progress(a, project);
        assertEquals(1, after.getLong("answers_today"));
        assertEquals(2, after.getLong("items_left"), "5 items less one answered, one skipped, one held by another annotator");
        assertEquals(0, progress(b, project).getLong("answers_today"));
        assertEquals(4, progress(b, project).getLong("items_left"), "b holds one item and may still get the item a skipped");
    }

    @Test
    @DisplayName("only member annotators have progress: a non-member gets 404, an engineer 403, anonymous 401")
    void onlyMemberAnnotators() {
        long project = Projects.create(server, new JsonObject());
        String path = "/api/projects/" + project + "/my-progress";
        assertEquals(404, server.user("annotator", "crowd").http().get(path).status());
        dev.kappa.support.Users.Created engineer = server.user("engineer", null);
        assertEquals(404, engineer.http().get(path).status(), "an engineer who does not manage the project");
        Projects.addManager(server, project, engineer.id());
        assertEquals(403, engineer.http().get(path).status());
        assertEquals(401, server.http().get(path).status());
    }
}
