package dev.kappa.hardness;

import dev.kappa.consensus.ConsensusMethod;
import io.vertx.core.json.JsonObject;

/**
 * A project's hard-case settings (see V050): the queue strategy, the model run it follows (null: the newest), how
 * each signal is measured, and the weights of the hardness score.
 */
public record HardnessSettings(Strategy strategy, Long runId, Uncertainty uncertainty, Signals.Human human,
                               ConsensusMethod consensusMethod, Reference reference, Weights weights, long randomSeed) {
    public static final HardnessSettings DEFAULT = new HardnessSettings(Strategy.FIFO, null, Uncertainty.ENTROPY,
            Signals.Human.ENTROPY, ConsensusMethod.MAJORITY, Reference.CONSENSUS, Weights.DEFAULT, 0);

    /** What class weakness (the model's per-class F1) is measured against. */
    public enum Reference {
        CONSENSUS("consensus"), GOLD("gold");

        private final String key;

        Reference(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Reference of(String key) {
            for (Reference r : values()) {
                if (r.key.equals(key)) {
                    return r;
                }
            }
            return null;
        }
    }

    public JsonObject json() {
        return new JsonObject().put("strategy", strategy.key()).put("run_id", runId)
                .put("uncertainty", uncertainty.key()).put("human_disagreement", human.key())
                .put("consensus_method", consensusMethod.key()).put("reference", reference.key())
                .put("weights", new JsonObject().put("uncertainty", weights.uncertainty())
                        .put("model_disagreement", weights.modelDisagreement())
                        .put("human_disagreement", weights.humanDisagreement())
                        .put("class_weakness", weights.classWeakness())
                        .put("gold_conflict", weights.goldConflict()))
                .put("random_seed", randomSeed);
    }
}
