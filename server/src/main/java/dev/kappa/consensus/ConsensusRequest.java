package dev.kappa.consensus;

import dev.kappa.analysis.AnswerFilter;

/**
 * One consensus request. Tier weights (weighted method) are null to use the project's quality policy; the
 * Dawid-Skene tolerance is on the change of the log-likelihood per answered item between iterations.
 */
public record ConsensusRequest(ConsensusMethod method, AnswerFilter filter, Double crowdWeight, Double expertWeight,
                               double tolerance, int maxIterations) {
    public static final double DEFAULT_TOLERANCE = 1e-6;
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    public static ConsensusRequest of(ConsensusMethod method, AnswerFilter filter) {
        return new ConsensusRequest(method, filter, null, null, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }
}
