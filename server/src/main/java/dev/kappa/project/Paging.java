package dev.kappa.project;

import dev.kappa.error.Problems;
import io.vertx.ext.web.RoutingContext;

/** Keyset paging parameters: {@code after} (the last key seen) and {@code limit}. No OFFSET anywhere. */
public record Paging(long after, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(RoutingContext ctx) {
        return new Paging(number(ctx, "after", 0, Long.MAX_VALUE, 0), (int) number(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    private static long number(RoutingContext ctx, String name, long min, long max, long fallback) {
        String v = ctx.queryParams().get(name);
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
