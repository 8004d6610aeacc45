package dev.kappa.http;

import dev.kappa.error.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's query parameters as a value: a route takes them from its {@link RoutingContext} and hands them to the
 * feature's request parsing ({@code ConsensusRequest.from}, {@code AnalysisQuery.filter}, ...), which then never sees
 * the web layer. Several routes share that parsing, so it lives with the request record, not in one route.
 */
public record Query(MultiMap params) {
    public static Query from(RoutingContext ctx) {
        return new Query(ctx.queryParams());
    }

    /** The value as sent (first of repeats), or null when absent. */
    public String raw(String name) {
        return params.get(name);
    }

    /** The trimmed value, or null when absent or blank. */
    public String value(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public boolean has(String name) {
        return params.contains(name);
    }

    /** A whole number in [min, max], or null when absent or blank. */
    public Integer integer(String name, int min, int max) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name, "must be a whole number");
        }
        throw Problems.badRequest(name, "must be between " + min + " and " + max);
    }
}
