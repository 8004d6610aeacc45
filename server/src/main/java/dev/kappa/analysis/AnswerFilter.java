package dev.kappa.analysis;

import java.time.OffsetDateTime;

/**
 * Which answers an analysis uses. Null fields do not filter. {@code from} is inclusive and {@code to} exclusive,
 * on the answer's {@code created_at}. {@code tier} is the tier the answer was given under, not the annotator's
 * current one. {@code label} (a key) turns the analysis into that label against the rest: present or absent.
 */
public record AnswerFilter(String tier, String label, OffsetDateTime from, OffsetDateTime to, long[] annotators) {
    public static final AnswerFilter ALL = new AnswerFilter(null, null, null, null, null);
}
