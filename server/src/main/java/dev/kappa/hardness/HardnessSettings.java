package dev.kappa.hardness;

import dev.kappa.consensus.ConsensusMethod;

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

    /** The settings as the API shows them: each choice by its key. */
    public record Shown(String strategy, Long runId, String uncertainty, String humanDisagreement, String consensusMethod,
                        String reference, Weights weights, long randomSeed) {
    }

    public Shown shown() {
        return new Shown(strategy.key(), runId, uncertainty.key(), human.key(), consensusMethod.key(), reference.key(),
                weights, randomSeed);
    }
}
