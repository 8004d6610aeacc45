package dev.kappa.hardness;

/**
 * Filters of a hard-case read. Null fields do not filter. {@code classKey} matches the model's class or the
 * consensus class; {@code labeled} false keeps items nobody has answered yet. {@code since} switches from the
 * ranking (score, highest first) to the feed (rows changed after the cursor, in commit-safe order).
 */
public record HardCaseQuery(Long runId, String classKey, Double minScore, Reason reason, Boolean modelWrong,
                            Boolean labeled, int limit, FeedCursor since) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
