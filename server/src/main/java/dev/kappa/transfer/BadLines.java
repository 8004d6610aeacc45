package dev.kappa.transfer;

import dev.kappa.error.ApiException;
import dev.kappa.error.Problems;

import java.util.ArrayList;
import java.util.List;

/** The bad lines of one upload: the first {@link #LIMIT} are kept to report, the rest only counted. */
final class BadLines {
    static final int LIMIT = 100;

    private final List<ApiException.Violation> first = new ArrayList<>();
    private long count;

    void add(long line, String field, String reason) {
        count++;
        if (first.size() < LIMIT) {
            first.add(new ApiException.Violation(field, reason, line));
        }
    }

    boolean any() {
        return count > 0;
    }

    boolean full() {
        return first.size() >= LIMIT;
    }

    /**
     * The 422 that makes the whole upload fail, listing bad lines of every kind found in the one pass (fields read in
     * Java, then unknown items and repeats found in SQL), in line order, at most {@link #LIMIT}: the problem states the
     * cap ({@code errors_cap}), how many it counted ({@code bad_lines}) and whether that count is complete.
     */
    ApiException problem() {
        String counted = full() ? "at least " + count : String.valueOf(count);
        List<ApiException.Violation> sorted = new ArrayList<>(first);
        sorted.sort(java.util.Comparator.comparing(v -> v.line() == null ? 0L : v.line()));
        return Problems.invalid(counted + " bad line" + (count == 1 ? "" : "s") + "; nothing was imported"
                + (full() ? " (the first " + LIMIT + " found are listed)" : ""), sorted)
                .with("errors_cap", LIMIT).with("bad_lines", count).with("bad_lines_complete", !full());
    }
}
