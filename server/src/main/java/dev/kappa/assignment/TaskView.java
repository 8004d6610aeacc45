package dev.kappa.assignment;

import dev.kappa.db.tables.records.ItemsRecord;
import dev.kappa.db.tables.records.ProjectsRecord;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;

import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.MODEL_RUNS;
import static dev.kappa.db.Tables.PREDICTIONS;

/**
 * What an annotator sees of a task. Blind by construction: the item's data and nothing else — never gold, meta,
 * other answers or whether it is a gold check — plus the newest model prediction only when the project pre-annotates.
 */
final class TaskView {
    private TaskView() {
    }

    static JsonObject of(DSLContext tx, ProjectsRecord p, long itemId, LeaseId lease, OffsetDateTime expires, String tier) {
        ItemsRecord item = tx.selectFrom(ITEMS).where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId)).fetchOne();
        return of(tx, p, itemId, item.getExternalId(), item.getData().data(), lease, expires, tier);
    }

    /** With the item's external id and data already read (the slot-taking statement returns them). */
    static JsonObject of(DSLContext tx, ProjectsRecord p, long itemId, String externalId, String data, LeaseId lease, OffsetDateTime expires, String tier) {
        JsonObject task = new JsonObject()
                .put("lease_id", lease.toString())
                .put("expires_at", expires.toInstant())
                .put("lease_ttl_seconds", p.getLeaseTtlSeconds())
                .put("project_id", p.getId())
                .put("tier", tier)
                .put("item", new JsonObject().put("id", itemId).put("external_id", externalId).put("data", new JsonObject(data)));
        if (p.getPreAnnotation()) {
            Record pred = tx.select(PREDICTIONS.LABEL, PREDICTIONS.PROBS, MODEL_RUNS.MODEL, MODEL_RUNS.VERSION)
                    .from(PREDICTIONS).join(MODEL_RUNS).on(MODEL_RUNS.PROJECT_ID.eq(PREDICTIONS.PROJECT_ID), MODEL_RUNS.ID.eq(PREDICTIONS.RUN_ID))
                    .where(PREDICTIONS.PROJECT_ID.eq(p.getId()), PREDICTIONS.ITEM_ID.eq(itemId))
                    .orderBy(MODEL_RUNS.CREATED_AT.desc()).limit(1).fetchOne();
            if (pred != null) {
                task.put("prediction", new JsonObject().put("label", Json.decodeValue(pred.get(PREDICTIONS.LABEL).data()))
                        .put("probs", pred.get(PREDICTIONS.PROBS) == null ? null : new JsonObject(pred.get(PREDICTIONS.PROBS).data()))
                        .put("model", pred.get(MODEL_RUNS.MODEL)).put("version", pred.get(MODEL_RUNS.VERSION)));
            }
        }
        return task;
    }
}
