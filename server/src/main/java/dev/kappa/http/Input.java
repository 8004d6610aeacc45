package dev.kappa.http;

import dev.kappa.error.Problems;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;


/**
 * A request's JSON body, read after the router validated it against openapi.yaml ({@link RequestValidation}); the NUL
 * character, which PostgreSQL cannot store and the contract does not mention, is refused here, naming the field.
 */
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
        Object parsed = null;
        try {
            parsed = text == null || text.isBlank() ? null : io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            // the validation failure kept for this request says so
        }
        if (parsed instanceof JsonObject o) {
            // Before the contract's verdict: a NUL anywhere is named first, as it always was.
            rejectNul(o, null);
        }
        RequestValidation.check(ctx);
        if (parsed instanceof JsonObject o) {
            return new Input(o);
        }
        // Only for an operation without a JSON body in openapi.yaml, which no route reads as one.
        throw Problems.badRequest("body", text == null || text.isBlank() ? "a JSON object is required" : "must be a JSON object");
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

    // The readers below trust the body: the router has checked it against the operation's schema in openapi.yaml
    // (types, required fields, ranges, lengths, enums) before the route ran. Each returns null when the field is
    // absent or null.

    public String string(String field) {
        return body.getString(field);
    }

    /** The contract's integer includes 3.0; it is read as 3. */
    public Integer integer(String field) {
        return body.getInteger(field);
    }

    public Double number(String field) {
        return body.getDouble(field);
    }

    public Boolean bool(String field) {
        return body.getBoolean(field);
    }

    public JsonObject object(String field) {
        return body.getJsonObject(field);
    }

    public JsonArray array(String field) {
        return body.getJsonArray(field);
    }

    /** A path parameter as sent (validated against openapi.yaml before the handler ran). */
    public static String path(RoutingContext ctx, String name) {
        RequestValidation.check(ctx);
        return ctx.pathParam(name);
    }

    /** A path parameter that must be a positive id; a malformed id is simply not found. */
    public static long pathId(RoutingContext ctx, String name, String what) {
        RequestValidation.check(ctx);
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

    /** A whole-number query parameter, or null when absent (its range is the contract's). */
    public static Integer queryInt(RoutingContext ctx, String name) {
        return Query.from(ctx).integer(name);
    }
}
