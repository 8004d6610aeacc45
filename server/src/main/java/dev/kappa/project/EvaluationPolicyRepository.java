package dev.kappa.project;

import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.kappa.db.Tables.EVALUATION_POLICIES;

/** SQL for evaluation policies. */
public final class EvaluationPolicyRepository {
    private EvaluationPolicyRepository() {
    }

    public static Optional<EvaluationPolicy> find(DSLContext tx, long projectId) {
        return tx.selectFrom(EVALUATION_POLICIES).where(EVALUATION_POLICIES.PROJECT_ID.eq(projectId)).fetchOptional()
                .map(r -> new EvaluationPolicy(r.getOptimize(), r.getWeights() == null ? null : weights(r.getWeights()),
                        thresholds(r.getThresholds()), r.getReference(), false));
    }

    public static void save(DSLContext tx, long projectId, EvaluationPolicy p) {
        JSONB weights = p.weights() == null ? null : JSONB.valueOf(RecordJson.encode(p.weights()));
        JSONB thresholds = JSONB.valueOf(RecordJson.encode(p.thresholds()));
        tx.insertInto(EVALUATION_POLICIES)
                .set(EVALUATION_POLICIES.PROJECT_ID, projectId)
                .set(EVALUATION_POLICIES.OPTIMIZE, p.optimize())
                .set(EVALUATION_POLICIES.WEIGHTS, weights)
                .set(EVALUATION_POLICIES.THRESHOLDS, thresholds)
                .set(EVALUATION_POLICIES.REFERENCE, p.reference())
                .onConflict(EVALUATION_POLICIES.PROJECT_ID).doUpdate()
                .set(EVALUATION_POLICIES.OPTIMIZE, p.optimize())
                .set(EVALUATION_POLICIES.WEIGHTS, weights)
                .set(EVALUATION_POLICIES.THRESHOLDS, thresholds)
                .set(EVALUATION_POLICIES.REFERENCE, p.reference())
                .set(EVALUATION_POLICIES.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    private static Map<String, Double> weights(JSONB json) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonObject o = new JsonObject(json.data());
        o.fieldNames().forEach(m -> out.put(m, o.getDouble(m)));
        return out;
    }

    private static Map<String, EvaluationPolicy.Bound> thresholds(JSONB json) {
        Map<String, EvaluationPolicy.Bound> out = new LinkedHashMap<>();
        JsonObject o = new JsonObject(json.data());
        for (String m : o.fieldNames()) {
            JsonObject b = o.getJsonObject(m);
            out.put(m, new EvaluationPolicy.Bound(b.getDouble("min"), b.getDouble("max")));
        }
        return EvaluationPolicy.ordered(out);
    }
}
