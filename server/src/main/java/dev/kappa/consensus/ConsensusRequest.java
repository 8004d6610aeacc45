package dev.kappa.consensus;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.analysis.AnswerFilter;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

/**
 * One consensus request. Tier weights (weighted method) are null to use the project's quality policy; the
 * Dawid-Skene tolerance is on the change of the log-likelihood per answered item between iterations.
 */
public record ConsensusRequest(ConsensusMethod method, AnswerFilter filter, Double crowdWeight, Double expertWeight,
                               double tolerance, int maxIterations) {
    /**
     * On 1M answers (10 classes) EM needs 34 iterations to 1e-5 and 66 to 1e-6, and the two disagree on 57 of 200,000
     * labels, all near-ties: 1e-5 is the better default for an interactive request; ask for less when it matters.
     */
    public static final double DEFAULT_TOLERANCE = 1e-5;
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    public static ConsensusRequest of(ConsensusMethod method, AnswerFilter filter) {
        return new ConsensusRequest(method, filter, null, null, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /** The consensus, quality and consensus-browser endpoints' shared parameters; malformed values are 400s naming them. */
    public static ConsensusRequest from(Query query) {
        String name = query.value("method");
        ConsensusMethod method = name == null ? ConsensusMethod.MAJORITY : ConsensusMethod.of(name);
        AnswerFilter filter = AnalysisQuery.filter(query);
        if (filter.label() != null) {
            throw Problems.badRequest("label", "is not a filter of consensus: a consensus covers every label");
        }
        Double crowd = weight(query, "crowd_weight");
        Double expert = weight(query, "expert_weight");
        double tolerance = AnalysisQuery.number(query, "tolerance", DEFAULT_TOLERANCE);
        Integer cap = query.integer("max_iterations");
        return new ConsensusRequest(method, filter, crowd, expert, tolerance, cap == null ? DEFAULT_MAX_ITERATIONS : cap);
    }

    private static Double weight(Query query, String name) {
        return query.raw(name) == null ? null : AnalysisQuery.number(query, name, 1);
    }
}
