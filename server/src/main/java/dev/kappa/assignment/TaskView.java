package dev.kappa.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ItemsRecord;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.http.RecordJson;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.OffsetDateTime;

import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.MODEL_RUNS;
import static dev.kappa.db.Tables.PREDICTIONS;

/**
 * What an annotator sees of a task. Blind by construction: the item's data and nothing else — never gold, meta,
 * other answers or whether it is a gold check — plus the newest model prediction only when the project pre-annotates
 * (absent otherwise). Built inside next-task's transaction from what it read; written to JSON after it ends.
 */
public record TaskView(String leaseId, Instant expiresAt, Integer leaseTtlSeconds, Long projectId, Tier tier, Item item,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Prediction prediction) implements Task {
    /** The item's id, external id and data ({@code jsonb} text). */
    public record Item(long id, String externalId, @JsonSerialize(using = RecordJson.VertxText.class) String data) {
    }

    /** The newest run's label (JSON text), class probabilities (JSON text, or null), model and version. */
    public record Prediction(@JsonSerialize(using = RecordJson.VertxText.class) String label,
                             @JsonSerialize(using = RecordJson.VertxText.class) String probs, String model, String version) {
    }

    static TaskView of(DSLContext tx, ProjectsRecord p, long itemId, LeaseId lease, OffsetDateTime expires, Tier tier) {
        ItemsRecord item = tx.selectFrom(ITEMS).where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId)).fetchOne();
        return of(tx, p, itemId, item.getExternalId(), item.getData().data(), lease, expires, tier);
    }

    /** With the item's external id and data already read (the slot-taking statement returns them). */
    static TaskView of(DSLContext tx, ProjectsRecord p, long itemId, String externalId, String data, LeaseId lease, OffsetDateTime expires, Tier tier) {
        Prediction prediction = null;
        if (p.getPreAnnotation()) {
            Record pred = tx.select(PREDICTIONS.LABEL, PREDICTIONS.PROBS, MODEL_RUNS.MODEL, MODEL_RUNS.VERSION)
                    .from(PREDICTIONS).join(MODEL_RUNS).on(MODEL_RUNS.PROJECT_ID.eq(PREDICTIONS.PROJECT_ID), MODEL_RUNS.ID.eq(PREDICTIONS.RUN_ID))
                    .where(PREDICTIONS.PROJECT_ID.eq(p.getId()), PREDICTIONS.ITEM_ID.eq(itemId))
                    .orderBy(MODEL_RUNS.CREATED_AT.desc()).limit(1).fetchOne();
            if (pred != null) {
                prediction = new Prediction(pred.get(PREDICTIONS.LABEL).data(),
                        pred.get(PREDICTIONS.PROBS) == null ? null : pred.get(PREDICTIONS.PROBS).data(),
                        pred.get(MODEL_RUNS.MODEL), pred.get(MODEL_RUNS.VERSION));
            }
        }
        return new TaskView(lease.toString(), expires.toInstant(), p.getLeaseTtlSeconds(), p.getId(), tier,
                new Item(itemId, externalId, data), prediction);
    }
}
