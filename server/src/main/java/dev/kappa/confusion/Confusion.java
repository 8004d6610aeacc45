package dev.kappa.confusion;

import java.util.List;

/**
 * Counts of (reference label, given label) for a model run's predictions or a tier's answers: {@code counts[r][g]},
 * rows the reference, columns what the run or tier gave, both in the order of {@code classes}. Every answer counts
 * once (a tier's table is over answers, not items). Written as the response by the record mapper.
 */
public record Confusion(long projectId, String source, String reference, String referenceNote, List<String> classes, long[][] counts,
                        long compared, long withoutReference) {
}
