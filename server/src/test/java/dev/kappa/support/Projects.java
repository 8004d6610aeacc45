package dev.kappa.support;

import dev.kappa.assignment.SlotSync;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static dev.kappa.db.Tables.PROJECTS;

/** Test projects made through the API, and items written straight to the database for assignment tests. */
public final class Projects {
    private Projects() {
    }

    /** A single-label project with labels pos/neg, merged with the given settings. */
    public static long create(TestServer server, JsonObject settings) {
        JsonObject body = new JsonObject().put("name", "p" + System.nanoTime())
                .put("schema", new JsonObject().put("kind", "single").put("labels", new JsonArray()
                        .add(new JsonObject().put("key", "pos").put("name", "Positive"))
                        .add(new JsonObject().put("key", "neg").put("name", "Negative"))))
                .mergeIn(settings);
        Http.Response r = server.admin().post("/api/projects", body);
        if (r.status() != 201) {
            throw new IllegalStateException("project not created: " + r);
        }
        long id = r.json().getLong("id");
        server.kappa().db().inTx(tx -> {
            managedByEveryEngineer(tx, id);
            return null;
        });
        return id;
    }

    /**
     * Since project roles (issue 15) an engineer sees only the projects they manage. Tests that build a project as the
     * admin (or straight in the database) and then act on it as an engineer mean "the team's engineer": every engineer
     * existing at that moment becomes a manager, as the V081 migration did for creators. Engineers created later
     * are strangers to the project, which is what access tests need.
     */
    public static void managedByEveryEngineer(org.jooq.DSLContext tx, long projectId) {
        tx.execute("insert into project_managers (project_id, user_id) select ?, id from users where role = 'engineer' on conflict do nothing", projectId);
    }

    /** Makes a user a manager of a project through the API, as the admin. */
    public static void addManager(TestServer server, long projectId, long userId) {
        Http.Response r = server.admin().post("/api/projects/" + projectId + "/managers", new JsonObject().put("user_id", userId));
        if (r.status() >= 300) {
            throw new IllegalStateException("manager not added: " + r);
        }
    }

    public static void addMember(TestServer server, long projectId, long userId) {
        Http.Response r = server.admin().post("/api/projects/" + projectId + "/members", new JsonObject().put("user_id", userId));
        if (r.status() >= 300) {
            throw new IllegalStateException("member not added: " + r);
        }
    }

    /**
     * Inserts n items (external ids x0..x{n-1}); every goldEvery-th one (if > 0) has gold "pos". sample_key spreads
     * evenly over [0,1) by the golden ratio so that baseline-sample tests are exact. Then syncs the slots.
     */
    public static void items(TestServer server, long projectId, int n, int goldEvery) {
        server.kappa().db().inTx(tx -> {
            long seq0 = tx.resultQuery("select coalesce(max(seq), 0) from items where project_id = ?", projectId).fetchOne(0, Long.class);
            for (int i = 0; i < n; i++) {
                String gold = goldEvery > 0 && i % goldEvery == 0 ? "\"pos\"" : null;
                tx.execute("insert into items (project_id, external_id, data, gold, seq, sample_key) values (?, ?, ?::jsonb, ?::jsonb, ?, ?)",
                        projectId, "x" + (seq0 + i), new JsonObject().put("text", "item " + (seq0 + i)).encode(), gold, seq0 + i + 1, ((seq0 + i) * 0.6180339887498949) % 1.0);
            }
            SlotSync.project(tx, tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne());
            return null;
        });
    }
}
