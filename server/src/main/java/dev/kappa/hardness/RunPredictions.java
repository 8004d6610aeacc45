package dev.kappa.hardness;

import dev.kappa.analysis.IdIndex;
import dev.kappa.analysis.LabelSpace;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;

import java.util.Arrays;

/**
 * One model run's predictions as arrays over the project's item positions: the predicted class (-1: none, or a
 * label the schema no longer has) and its uncertainty (NaN: no probabilities and no usable score). Probabilities
 * are reduced to the uncertainty while streaming, so memory stays two numbers per item whatever k is.
 */
record RunPredictions(long runId, int[] predicted, double[] uncertainty, int count) {

    static RunPredictions load(DSLContext tx, long projectId, long runId, LabelSpace space, IdIndex items,
                               Uncertainty measure) {
        int n = items.size();
        int k = space.size();
        int[] predicted = new int[n];
        double[] uncertainty = new double[n];
        Arrays.fill(predicted, -1);
        Arrays.fill(uncertainty, Double.NaN);
        int[] count = {0};
        double[] raw = new double[k];
        InputRepository.predictions(tx, projectId, runId, (itemId, label, probs, score) -> {
            int p = items.indexOf(itemId);
            if (p < 0) {
                return;
            }
            int cls = space.classOf(label);
            predicted[p] = cls;
            count[0]++;
            double[] dist = null;
            if (probs != null) {
                Arrays.fill(raw, 0);
                JsonObject o = new JsonObject(probs);
                for (String key : o.fieldNames()) {
                    int j = space.classOf(key);
                    if (j >= 0 && o.getValue(key) instanceof Number x) {
                        raw[j] = x.doubleValue();
                    }
                }
                dist = Uncertainty.distribution(raw);
            } else {
                dist = score == null ? null : Uncertainty.fromScore(score, cls, k);
            }
            if (dist != null && cls >= 0) {
                uncertainty[p] = measure.of(dist);
            }
        });
        return new RunPredictions(runId, predicted, uncertainty, count[0]);
    }
}
