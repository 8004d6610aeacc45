package dev.kappa.project;

import dev.kappa.error.Problems;
import dev.kappa.http.Query;

/** Keyset paging parameters: {@code after} (the last key seen) and {@code limit}. No OFFSET anywhere. */
public record Paging(long after, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(Query query) {
        return new Paging(number(query, "after", 0, Long.MAX_VALUE, 0), (int) number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    private static long number(Query query, String name, long min, long max, long fallback) {
        String v = query.raw(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name, "must be a whole number");
        }
        if (n < min || n > max) {
            throw Problems.badRequest(name, "must be between " + min + " and " + max);
        }
        return n;
    }
}
