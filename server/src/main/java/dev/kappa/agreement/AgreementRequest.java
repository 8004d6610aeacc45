package dev.kappa.agreement;

import dev.kappa.analysis.AnswerFilter;

/**
 * One agreement request: which answers, the least number of items a pair of annotators must share for their
 * Cohen's kappa to count, and the bootstrap ({@code resamples} null means the size-dependent default).
 */
public record AgreementRequest(AnswerFilter filter, int minShared, Integer resamples, long seed, double level) {
    public static final int DEFAULT_MIN_SHARED = 10;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_LEVEL = 0.95;
}
