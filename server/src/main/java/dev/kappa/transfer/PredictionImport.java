package dev.kappa.transfer;

import dev.kappa.project.LabelSchema;
import dev.kappa.transfer.ImportRepository.Staging;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Set;

/**
 * One model run's predictions: {@code item} (an external_id), {@code label}, and {@code probs} (label key to
 * probability) or {@code score}. The run is found or created by model and version; uploading the same run again
 * replaces its predictions for the items in the file and leaves other runs alone.
 */
final class PredictionImport implements ImportKind<Imported.Predictions> {
    /** A model run as named in the query string, with its optional metrics. */
    record Run(String model, String version, Double latencyMs, Double sizeMb, Double costPer1k) {
    }

    private static final Set<String> FIELDS = Set.of("item", "label", "probs", "score");

    private final long projectId;
    private final LabelSchema schema;
    private final Run run;

    PredictionImport(long projectId, LabelSchema schema, Run run) {
        this.projectId = projectId;
        this.schema = schema;
        this.run = run;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("item", "label");
    }

    @Override
    public List<String> knownColumns() {
        return List.of("item", "label", "probs", "score");
    }

    @Override
    public Staging staging() {
        return Staging.PREDICTIONS;
    }

    @Override
    public Object[] row(UploadFields f, long line) {
        f.allowOnly(FIELDS);
        String item = f.string("item", true, ItemImport.MAX_EXTERNAL_ID);
        Object label = f.label("label", schema, true);
        JsonObject probs = f.object("probs", false);
        Double score = f.number("score", -Double.MAX_VALUE, Double.MAX_VALUE);
        if ((probs == null) == (score == null)) {
            throw new BadField(probs == null ? "probs" : "score", "give either probs or score, not " + (probs == null ? "neither" : "both"));
        }
        if (probs != null) {
            for (String key : probs.fieldNames()) {
                if (!schema.keys().contains(key)) {
                    throw new BadField("probs", "has '" + key + "', which is not one of the label keys " + schema.keys());
                }
                if (!(probs.getValue(key) instanceof Number p) || !(p.doubleValue() >= 0 && p.doubleValue() <= 1)) {
                    throw new BadField("probs", "the probability of '" + key + "' must be a number from 0 to 1");
                }
            }
        }
        return new Object[] {line, item, Json.encode(label), probs == null ? null : probs.encode(), score};
    }

    @Override
    public void check(DSLContext tx, BadLines bad) {
        StagingChecks.unknownItems(tx, Staging.PREDICTIONS, projectId, bad);
        StagingChecks.repeats(tx, Staging.PREDICTIONS, "item", "a prediction for the item", bad);
    }

    @Override
    public Imported.Predictions apply(DSLContext tx, long received) {
        long runId = PredictionImportRepository.upsertRun(tx, projectId, run);
        int written = PredictionImportRepository.upsertPredictions(tx, projectId, runId);
        return new Imported.Predictions(runId, run.model(), run.version(), written);
    }
}
