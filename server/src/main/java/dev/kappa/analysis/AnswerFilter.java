package dev.kappa.analysis;

import dev.kappa.auth.Tier;
import dev.kappa.error.Problems;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Which answers an analysis uses. Null fields do not filter. {@code from} is inclusive and {@code to} exclusive,
 * on the answer's {@code created_at}. {@code tier} is the tier the answer was given under, not the annotator's
 * current one. {@code label} (a key) turns the analysis into that label against the rest: present or absent.
 * Annotators are named by internal user id ({@code annotators}) or by external worker id ({@code workers}, the ids
 * other tools know them by; issue 14): an answer is kept when its annotator is in either list.
 */
public record AnswerFilter(Tier tier, String label, OffsetDateTime from, OffsetDateTime to, long[] annotators, String[] workers) {
    public static final AnswerFilter ALL = new AnswerFilter(null, null, null, null, null, null);

    public AnswerFilter(Tier tier, String label, OffsetDateTime from, OffsetDateTime to, long[] annotators) {
        this(tier, label, from, to, annotators, null);
    }

    /** The class the label filter names, -1 without one; 422 naming {@code label} if the schema has no such key. */
    public int labelIn(LabelSpace space) {
        if (label == null) {
            return -1;
        }
        int c = space.classOf(label);
        if (c < 0) {
            throw Problems.invalid("label", "is not a label key of this project's schema " + space.keys());
        }
        return c;
    }

    /** The filters as given, for the response; {@code from} and {@code to} as ISO-8601 text. */
    public record Shown(Tier tier, String label, String from, String to, List<Long> annotators, List<String> workers) {
    }

    public Shown shown() {
        return new Shown(tier, label, from == null ? null : from.toInstant().toString(), to == null ? null : to.toInstant().toString(),
                annotators == null ? null : Arrays.stream(annotators).boxed().toList(), workers == null ? null : List.of(workers));
    }
}
