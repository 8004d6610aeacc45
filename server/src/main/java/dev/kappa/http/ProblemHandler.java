package dev.kappa.http;

import dev.kappa.error.ApiException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jooq.exception.DataAccessException;

import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become responses: RFC 9457 problem+json for every error, including the router's own
 * 404/405 and the body handler's 413. Constraint violations (SQLState class 23) are conflicts; a lost database is 503.
 * Anything else is a bug: it is logged with its stack and answered 500 without internals.
 */
public final class ProblemHandler {
    private static final Logger LOG = Logger.getLogger(ProblemHandler.class.getName());
    public static final String TYPE_PREFIX = "urn:kappa:problem:";

    private ProblemHandler() {
    }

    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            send(ctx, api);
        } else if (failure instanceof DecodeException) {
            send(ctx, 400, "bad-request", "Bad request", "The body is not valid JSON", "body", null);
        } else if (failure instanceof DataAccessException dae && sqlClass(dae, "23")) {
            send(ctx, 409, "conflict", "Conflict", "The change conflicts with existing data (" + dae.sqlState() + ")", null, null);
        } else if (failure instanceof DataAccessException dae && (sqlClass(dae, "08") || causedBy(dae, SQLTransientConnectionException.class))) {
            send(ctx, 503, "unavailable", "Service unavailable", "The database is not reachable", null, null);
        } else if (failure == null && ctx.statusCode() >= 400) {
            sendStatus(ctx, ctx.statusCode());
        } else {
            LOG.log(Level.SEVERE, "unhandled failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
            send(ctx, 500, "internal", "Internal server error", "An unexpected error occurred; it has been logged", null, null);
        }
    }

    /** Failures the router or handlers signal by status alone (404, 405, 413, 400 from the body handler). */
    public static void sendStatus(RoutingContext ctx, int status) {
        switch (status) {
            case 404 -> send(ctx, 404, "not-found", "Not found", "No resource at " + ctx.request().path(), null, null);
            case 405 -> send(ctx, 405, "method-not-allowed", "Method not allowed",
                    ctx.request().method() + " is not allowed on " + ctx.request().path(), null, null);
            case 413 -> send(ctx, 413, "payload-too-large", "Payload too large", "The request body exceeds the size limit", "body", null);
            default -> send(ctx, status, "http-" + status, "HTTP " + status, "The request failed with status " + status, null, null);
        }
    }

    public static void send(RoutingContext ctx, ApiException e) {
        JsonArray errors = null;
        if (!e.violations().isEmpty()) {
            errors = new JsonArray();
            for (ApiException.Violation v : e.violations()) {
                JsonObject o = new JsonObject().put("field", v.field()).put("reason", v.reason());
                if (v.line() != null) {
                    o.put("line", v.line());
                }
                errors.add(o);
            }
        }
        send(ctx, e.status(), e.slug(), e.title(), e.getMessage(), e.field(), errors, e.extensions());
    }

    private static void send(RoutingContext ctx, int status, String slug, String title, String detail, String field, JsonArray errors) {
        send(ctx, status, slug, title, detail, field, errors, java.util.Map.of());
    }

    private static void send(RoutingContext ctx, int status, String slug, String title, String detail, String field, JsonArray errors,
                             java.util.Map<String, Object> extensions) {
        HttpServerResponse res = ctx.response();
        if (res.headWritten()) {
            // A streamed response already started: the only honest signal left is to cut the connection.
            LOG.warning("failure after response started on " + ctx.request().path() + ": " + detail);
            res.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_PREFIX + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (field != null) {
            body.put("field", field);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        extensions.forEach(body::put);
        res.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }

    private static boolean sqlClass(DataAccessException e, String prefix) {
        String state = e.sqlState();
        return state != null && state.startsWith(prefix);
    }

    private static boolean causedBy(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
