package dev.kappa.activity;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/projects/{id}/throughput over real HTTP and PostgreSQL. */
class ThroughputApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    static List<Long> longs(JsonArray a) {
        return a.stream().map(v -> ((Number) v).longValue()).toList();
    }

    static ProjectData timedAnswers() {
        ProjectData p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.answer("i1", "ann", "crowd", "pos", 4000, OffsetDateTime.parse("2026-01-05T10:15:00Z"))
                .answer("i2", "ann", "crowd", "neg", 4000, OffsetDateTime.parse("2026-01-05T10:45:00Z"))
                .answer("i1", "exp", "expert", "pos", 9000, OffsetDateTime.parse("2026-01-05T12:05:00Z"))
                .answer("i3", "ann", "crowd", "pos", null, OffsetDateTime.parse("2026-01-05T13:59:00Z"));
        return p.flush();
    }

    @Test
    @DisplayName("answers are counted per UTC hour and tier, zeros included, over the range asked and by default over the project's life")
    void countsAnswersPerHourAndTier() {
        ProjectData p = timedAnswers();
        for (String query : new String[] {"?from=2026-01-05T10:00:00Z&to=2026-01-05T14:00:00Z", ""}) {
            Http.Response r = engineer.get("/api/projects/" + p.id() + "/throughput" + query);
            assertEquals(200, r.status(), r.body());
            JsonObject t = r.json();
            assertEquals("hour", t.getString("bucket"));
            assertEquals(List.of("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", "2026-01-05T13:00:00Z"),
                    t.getJsonArray("starts").getList(), query);
            assertEquals(List.of(2L, 0L, 0L, 1L), longs(t.getJsonObject("answers").getJsonArray("crowd")), query);
            assertEquals(List.of(0L, 0L, 1L, 0L), longs(t.getJsonObject("answers").getJsonArray("expert")), query);
        }
        JsonObject days = engineer.get("/api/projects/" + p.id() + "/throughput?bucket=day&from=2026-01-04&to=2026-01-06").json();
        assertEquals(List.of(0L, 3L), longs(days.getJsonObject("answers").getJsonArray("crowd")));
        JsonObject narrow = engineer.get("/api/projects/" + p.id() + "/throughput?from=2026-01-05T12:00:00Z&to=2026-01-05T13:00:00Z").json();
        assertEquals(List.of(0L), longs(narrow.getJsonObject("answers").getJsonArray("crowd")));
        assertEquals(List.of(1L), longs(narrow.getJsonObject("answers").getJsonArray("expert")));
    }

    @Test
    @DisplayName("the burndown falls as annotators fill every slot of an item, and agrees with GET progress")
    void burndownFollowsLabeling() {
        long project = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, project, 4, 0);
        Users.Created ann = server.user("annotator", "crowd");
        Projects.addMember(server, project, ann.id());
        for (int i = 0; i < 3; i++) {
            Http.Response task = ann.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
            assertEquals(200, task.status(), task.body());
            Http.Response answer = ann.http().post("/api/leases/" + task.json().getString("lease_id") + "/answer",
                    new JsonObject().put("label", "pos").put("duration_ms", 1500));
            assertTrue(answer.status() < 300, answer.body());
        }
        JsonObject t = engineer.get("/api/projects/" + project + "/throughput").json();
        JsonObject burndown = t.getJsonObject("burndown");
        assertEquals("crowd", burndown.getString("tier"));
        assertEquals(4, burndown.getLong("items_total"));
        List<Long> left = longs(burndown.getJsonArray("items_left"));
        assertEquals(1L, left.get(left.size() - 1));
        assertEquals(3L, longs(t.getJsonObject("answers").getJsonArray("crowd")).stream().mapToLong(Long::longValue).sum());
        JsonObject progress = engineer.get("/api/projects/" + project + "/progress").json();
        assertEquals(4 - left.get(left.size() - 1), progress.getJsonObject("tiers").getJsonObject("crowd").getLong("items_complete"));
    }

    @Test
    @DisplayName("bad ranges, buckets, NUL bytes and far dates are 400 naming the parameter; others' projects are 404, annotators 403")
    void rejectsBadInput() {
        ProjectData p = timedAnswers();
        String base = "/api/projects/" + p.id() + "/throughput";
        String[][] cases = {
            {"?bucket=week", "bucket"},
            {"?from=%00", "from"},
            {"?to=2026-01-05T10:00:00Z%00", "to"},
            {"?from=1900-01-01", "from"},
            {"?to=9999-12-31", "to"},
            {"?from=99999999999999999999", "from"},
            {"?from=2026-01-05&to=2026-01-04", "to"},
            {"?from=2026-01-05&to=2026-01-05", "to"},
            {"?bucket=hour&from=2000-01-01&to=2099-12-31", "to"},
        };
        for (String[] c : cases) {
            Http.Response r = engineer.get(base + c[0]);
            assertEquals(400, r.status(), c[0] + " " + r.body());
            assertEquals("application/problem+json", r.header("Content-Type"), c[0]);
            assertEquals(c[1], r.json().getString("field"), c[0] + " " + r.body());
        }
        assertEquals(404, engineer.get("/api/projects/999999999/throughput").status());
        assertEquals(404, engineer.get("/api/projects/99999999999999999999999/throughput").status());
        Users.Created annotator = server.user("annotator", "crowd");
        Projects.addMember(server, p.id(), annotator.id());
        assertEquals(403, annotator.http().get(base).status());
    }
}
