package dev.kappa.support;

import dev.kappa.assignment.AnswerOrigin;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.sql.Db;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.InsertValuesStep8;
import org.jooq.JSONB;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.PROJECTS;
import static dev.kappa.db.Tables.USERS;

/**
 * A project with items, annotators and answers written straight into a test server's database with jOOQ, for
 * tests that need known data under the HTTP API. Items and annotators are named; answers are buffered and
 * written in multi-row inserts by {@link #flush()}.
 */
public final class ProjectData {
    private record Answer(long item, long user, String tier, Object label, Integer durationMs, OffsetDateTime at) {
    }

    private final Db db;
    private final long projectId;
    private final Map<String, Long> items = new HashMap<>();
    private final Map<String, Long> annotators = new HashMap<>();
    private final Map<String, String> tiers = new HashMap<>();
    private final List<Answer> pending = new ArrayList<>();

    private ProjectData(Db db, long projectId) {
        this.db = db;
        this.projectId = projectId;
    }

    /** A project whose schema has the given kind and label keys (a rating's keys are "1".."k"). */
    public static ProjectData create(TestServer server, String kind, List<String> keys) {
        JsonArray labels = new JsonArray();
        keys.forEach(k -> labels.add(new JsonObject().put("key", k).put("name", k)));
        String schema = new JsonObject().put("kind", kind).put("labels", labels).encode();
        Db db = server.kappa().db();
        long id = db.inTx(tx -> {
            long pid = tx.insertInto(PROJECTS).set(PROJECTS.NAME, "test " + kind)
                    .set(PROJECTS.SCHEMA, JSONB.valueOf(schema)).returning(PROJECTS.ID).fetchOne(PROJECTS.ID);
            Projects.managedByEveryEngineer(tx, pid);
            return pid;
        });
        return new ProjectData(db, id);
    }

    public long id() {
        return projectId;
    }

    /** The item's id, creating it (without gold) on first use. */
    public long item(String externalId) {
        return items.computeIfAbsent(externalId, x -> db.inTx(tx -> tx.insertInto(ITEMS)
                .set(ITEMS.PROJECT_ID, projectId).set(ITEMS.EXTERNAL_ID, x)
                .set(ITEMS.DATA, JSONB.valueOf("{}")).set(ITEMS.SEQ, (long) items.size() + 1)
                .set(ITEMS.SAMPLE_KEY, Math.random()).returning(ITEMS.ID).fetchOne(ITEMS.ID)));
    }

    public ProjectData gold(String externalId, Object label) {
        long id = item(externalId);
        db.inTx(tx -> tx.update(ITEMS).set(ITEMS.GOLD, JSONB.valueOf(Json.encode(label)))
                .where(ITEMS.PROJECT_ID.eq(projectId), ITEMS.ID.eq(id)).execute());
        return this;
    }

    /** The annotator's user id, creating an external worker of that tier on first use. */
    public long annotator(String name, String tier) {
        tiers.putIfAbsent(name, tier);
        return annotators.computeIfAbsent(name, x -> db.inTx(tx -> tx.insertInto(USERS)
                .set(USERS.EXTERNAL_ID, x + "-" + UUID.randomUUID()).set(USERS.DISPLAY_NAME, x)
                .set(USERS.ROLE, Role.ANNOTATOR).set(USERS.TIER, Tier.of(tier)).returning(USERS.ID).fetchOne(USERS.ID)));
    }

    public long annotator(String name) {
        return annotator(name, "crowd");
    }

    /** An answer under the annotator's tier (crowd unless made otherwise), now, without duration. */
    public ProjectData answer(String item, String annotator, Object label) {
        annotator(annotator);
        return answer(item, annotator, tiers.get(annotator), label, null, null);
    }

    public ProjectData answer(String item, String annotator, String tier, Object label, Integer durationMs, OffsetDateTime at) {
        pending.add(new Answer(item(item), annotator(annotator, tier), tier, label, durationMs, at));
        return this;
    }

    public ProjectData flush() {
        for (int from = 0; from < pending.size(); from += 1000) {
            List<Answer> chunk = pending.subList(from, Math.min(pending.size(), from + 1000));
            db.inTx(tx -> {
                InsertValuesStep8<?, Long, Long, Long, Tier, JSONB, Integer, AnswerOrigin, OffsetDateTime> insert = tx.insertInto(ANSWERS,
                        ANSWERS.PROJECT_ID, ANSWERS.ITEM_ID, ANSWERS.ANNOTATOR_ID, ANSWERS.TIER, ANSWERS.LABEL,
                        ANSWERS.DURATION_MS, ANSWERS.SOURCE, ANSWERS.CREATED_AT);
                for (Answer a : chunk) {
                    insert = insert.values(projectId, a.item(), a.user(), Tier.of(a.tier()), JSONB.valueOf(Json.encode(a.label())),
                            a.durationMs(), AnswerOrigin.IMPORT, a.at() == null ? OffsetDateTime.now() : a.at());
                }
                return insert.execute();
            });
        }
        pending.clear();
        return this;
    }
}
