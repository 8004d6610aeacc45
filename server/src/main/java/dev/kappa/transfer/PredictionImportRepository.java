package dev.kappa.transfer;

import org.jooq.DSLContext;

/** The writes of a prediction upload, from the import_predictions staging table. */
final class PredictionImportRepository {
    private PredictionImportRepository() {
    }

    /** Finds or creates the run by model and version; metrics given now replace the stored ones, absent ones stay. */
    static long upsertRun(DSLContext tx, long projectId, PredictionImport.Run run) {
        return tx.fetchOne("""
                insert into model_runs as r (project_id, model, version, latency_ms, size_mb, cost_per_1k) values (?, ?, ?, ?, ?, ?)
                on conflict (project_id, model, version) do update set
                  latency_ms = coalesce(excluded.latency_ms, r.latency_ms), size_mb = coalesce(excluded.size_mb, r.size_mb),
                  cost_per_1k = coalesce(excluded.cost_per_1k, r.cost_per_1k)
                returning id""", projectId, run.model(), run.version(), run.latencyMs(), run.sizeMb(), run.costPer1k()).get(0, Long.class);
    }

    /** Writes the run's staged predictions, replacing its earlier ones for the same items; answers how many. */
    static int upsertPredictions(DSLContext tx, long projectId, long runId) {
        return tx.execute("""
                insert into predictions as p (project_id, run_id, item_id, label, probs, score)
                select ?, ?, i.id, s.label, s.probs, s.score
                from import_predictions s join items i on i.project_id = ? and i.external_id = s.item
                on conflict (project_id, run_id, item_id) do update
                  set label = excluded.label, probs = excluded.probs, score = excluded.score, created_at = now()""",
                projectId, runId, projectId);
    }
}
