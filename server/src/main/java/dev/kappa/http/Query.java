package dev.kappa.http;

import dev.kappa.error.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's query parameters as a value: a route takes them from its {@link RoutingContext} and hands them to the
 * feature's request parsing ({@code ConsensusRequest.from}, {@code AnalysisQuery.filter}, ...), which then never sees
 * the web layer. Several routes share that parsing, so it lives with the request record, not in one route. Types and
 * ranges are openapi.yaml's, checked before the route ran ({@link RequestValidation}); these readers only convert.
 */
public record Query(MultiMap params) {
    public static Query from(RoutingContext ctx) {
        RequestValidation.check(ctx);
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

    /** A whole number, or null when absent or blank; openapi.yaml states its range and the router checked it. */
    public Integer integer(String name) {
        Long n = whole(name);
        return n == null ? null : Math.toIntExact(n);
    }

    /**
     * A 64-bit whole number, or null when absent or blank. The contract says int64, which vertx-json-schema does not
     * hold a value to (it takes any integer), so a value past 2^63 is refused here, naming the parameter.
     */
    public Long whole(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name, "must be a whole number between -2^63 and 2^63 - 1");
        }
    }

    /** true or false, or null when absent or blank (the router checked the boolean against openapi.yaml). */
    public Boolean bool(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            // Only a parameter some operation reads without declaring it in openapi.yaml gets here: still a 400.
            default -> throw Problems.badRequest(name, "must be true or false");
        };
    }

    /** A number, or null when absent or blank (type and range checked by the router against openapi.yaml). */
    public Double number(String name) {
        String v = value(name);
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            // Only a parameter some operation reads without declaring it in openapi.yaml gets here: still a 400.
            throw Problems.badRequest(name, "must be a number");
        }
    }
}
