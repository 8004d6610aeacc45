package dev.kappa.activity;

import dev.kappa.auth.Tier;
import java.time.Instant;
import java.util.List;

/**
 * Answers per time bucket and tier over a range, and the burndown of items a tier still has to finish: dense series,
 * one value per bucket start in {@code starts}, zeros included, so a chart draws them as they are.
 */
public record Throughput(long projectId, String bucket, boolean bucketChosen, Instant from, Instant to, List<Instant> starts,
                         long[] crowd, long[] expert, Burndown burndown) {

    /**
     * {@code itemsLeft[i]}: items created before the end of bucket i whose {@code overlap}-th answer of {@code tier}
     * had not come by then. Null when the tier has no overlap (no work to burn down).
     */
    public record Burndown(Tier tier, int overlap, long itemsTotal, long[] itemsLeft) {
    }
}
