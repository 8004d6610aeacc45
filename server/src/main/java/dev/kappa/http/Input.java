package dev.kappa.http;

import dev.kappa.error.Problems;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Strict readers for request input; each failure names the field and the reason. */
public final class Input {
    private final JsonObject body;

    private Input(JsonObject body) {
        this.body = body;
    }

    public static Input of(JsonObject body) {
        return new Input(body);
    }

    /** The JSON object body of the request; anything else is a 400 naming {@code body}. */
    public static Input body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw Problems.badRequest("body", "a JSON object is required");
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (parsed instanceof JsonObject o) {
                rejectNul(o, null);
                return new Input(o);
            }
        } catch (DecodeException e) {
            throw Problems.badRequest("body", "is not valid JSON");
        }
        throw Problems.badRequest("body", "must be a JSON object");
    }

    /**
     * PostgreSQL cannot store U+0000 in text or jsonb, so a NUL anywhere in a body (a value or a key, at any depth)
     * is refused up front, naming the field, instead of failing in SQL.
     */
    static void rejectNul(Object v, String path) {
        if (v instanceof String s) {
            if (s.indexOf('\u0000') >= 0) {
                throw Problems.invalid(path == null ? "body" : path, "must not contain the NUL character (U+0000)");
            }
        } else if (v instanceof JsonObject o) {
            for (var e : o) {
                String field = path == null ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\u0000') >= 0) {
                    throw Problems.invalid(path == null ? "body" : path, "must not contain the NUL character (U+0000) in a key");
                }
                rejectNul(e.getValue(), field);
            }
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                rejectNul(a.getValue(i), (path == null ? "body" : path) + "[" + i + "]");
            }
        }
    }

    /** The same rule for the query string: a NUL in a parameter is a 400 naming it. */
    public static void rejectNulInQuery(RoutingContext ctx) {
        for (var e : ctx.queryParams()) {
            if (e.getValue().indexOf('\u0000') >= 0 || e.getKey().indexOf('\u0000') >= 0) {
                throw Problems.badRequest(e.getKey().replace("\u0000", ""), "must not contain the NUL character (U+0000)");
            }
        }
        if (ctx.request().path() != null && ctx.request().path().indexOf('\u0000') >= 0) {
            throw Problems.badRequest("path", "must not contain the NUL character (U+0000)");
        }
    }

    /**
     * Java parses years up to 999,999,999 but PostgreSQL's timestamptz ends in 294276 AD (and 4713 BC), where a bound
     * value fails in SQL; every time Kappa reads is held to the years 1-9999, which ISO 8601 writes without a sign.
     */
    public static boolean inStorableRange(java.time.OffsetDateTime t) {
        int year = t.withOffsetSameInstant(java.time.ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999;
    }

    public JsonObject json() {
        return body;
    }

    public boolean has(String field) {
        return body.containsKey(field) && body.getValue(field) != null;
    }

    public String string(String field, boolean required, int maxLength) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw Problems.invalid(field, "must be a string");
        }
        if (required && s.isBlank()) {
            throw Problems.invalid(field, "must not be blank");
        }
        if (s.length() > maxLength) {
            throw Problems.invalid(field, "must be at most " + maxLength + " characters");
        }
        if (s.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refuse it here, naming the field, rather than fail in the database.
            throw Problems.invalid(field, "must not contain NUL characters");
        }
        return s;
    }

    public String oneOf(String field, boolean required, Set<String> allowed) {
        String s = string(field, required, 64);
        if (s != null && !allowed.contains(s)) {
            throw Problems.invalid(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", got '" + s + "'");
        }
        return s;
    }

    public Integer integer(String field, boolean required, int min, int max) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw Problems.invalid(field, "must be a whole number");
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw Problems.invalid(field, "must be between " + min + " and " + max);
        }
        return (int) l;
    }

    public Double number(String field, boolean required, double min, double max) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
            throw Problems.invalid(field, "must be a number");
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw Problems.invalid(field, "must be between " + min + " and " + max);
        }
        return d;
    }

    public Boolean bool(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw Problems.invalid(field, "must be true or false");
        }
        return b;
    }

    public JsonObject object(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw Problems.invalid(field, "must be an object");
        }
        return o;
    }

    public JsonArray array(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw Problems.invalid(field, "must be an array");
        }
        return a;
    }

    /** A path parameter that must be a positive id; a malformed id is simply not found. */
    public static long pathId(RoutingContext ctx, String name, String what) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw Problems.notFound(what);
    }

    /** A query parameter that must be a whole number in range, or absent. */
    public static Integer queryInt(RoutingContext ctx, String name, int min, int max) {
        return Query.from(ctx).integer(name, min, max);
    }
}
