package dev.kappa.http;

import dev.kappa.error.ApiException;
import dev.kappa.error.Problems;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
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
        } else if (databaseLost(failure)) {
            // The connection broke before, during or at the commit: the transaction's outcome is not known here, so
            // the client is told to send the same request again; lease writes are idempotent, so a retry of a commit
            // that did land replays it instead of writing twice.
            LOG.warning("database lost on " + ctx.request().method() + " " + ctx.request().path() + ": " + rootMessage(failure));
            send(ctx, Problems.unavailable("The database is not reachable; send the same request again"));
        } else if (failure instanceof DataAccessException dae && (sqlState(dae, "22P05") || sqlState(dae, "22021"))) {
            // A NUL character (or a byte PostgreSQL cannot store) in a value that reached SQL without an input check.
            send(ctx, 400, "bad-request", "Bad request", "body: contains a character PostgreSQL cannot store (such as U+0000)", "body", null);
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

    /**
     * Requests the HTTP decoder refused before any route saw them (request line over the limit: 414, headers over the
     * limit: 431, anything malformed: 400). Vert.x's default answers these with an empty body; here they get the same
     * problem+json as every other error, then the connection closes, since the rest of its bytes cannot be trusted.
     */
    public static void invalidRequest(io.vertx.core.http.HttpServerRequest req) {
        Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
        int status;
        String slug;
        String title;
        String detail;
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            status = 414;
            slug = "uri-too-long";
            title = "URI too long";
            detail = "The request line exceeds the server's limit";
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            status = 431;
            slug = "headers-too-large";
            title = "Request header fields too large";
            detail = "The request headers exceed the server's limit";
        } else {
            status = 400;
            slug = "bad-request";
            title = "Bad request";
            detail = "The request is not valid HTTP";
        }
        ProblemBody body = new ProblemBody(TYPE_PREFIX + slug, title, status, detail, null, null, null, java.util.Map.of());
        HttpServerResponse res = req.response();
        res.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .putHeader("Content-Security-Policy", SecurityHeaders.CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Connection", "close")
                .end(RecordJson.encode(body)).onComplete(done -> req.connection().close());
    }

    public static void send(RoutingContext ctx, ApiException e) {
        if (e.retryAfterSeconds() != null && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        send(ctx, e.status(), e.slug(), e.title(), e.getMessage(), e.field(), ProblemBody.errors(e), e.extensions());
    }

    private static void send(RoutingContext ctx, int status, String slug, String title, String detail, String field,
                             List<ProblemBody.Error> errors) {
        send(ctx, status, slug, title, detail, field, errors, java.util.Map.of());
    }

    private static void send(RoutingContext ctx, int status, String slug, String title, String detail, String field,
                             List<ProblemBody.Error> errors, java.util.Map<String, Object> extensions) {
        HttpServerResponse res = ctx.response();
        if (res.headWritten()) {
            // A streamed response already started: the only honest signal left is to cut the connection.
            LOG.warning("failure after response started on " + ctx.request().path() + ": " + detail);
            res.reset();
            return;
        }
        ProblemBody body = new ProblemBody(TYPE_PREFIX + slug, title, status, detail, ctx.request().path(), field, errors, extensions);
        res.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(RecordJson.encode(body));
    }

    /**
     * A connection that broke or could not be had: SQLSTATE class 08 (connection exception), 57P01-57P03 (the server
     * shut down or is starting), the pool's timeout, or a transaction PostgreSQL rolled back to resolve a deadlock. Looked up along the whole cause chain, because a failed
     * commit arrives wrapped differently from a failed statement.
     */
    static boolean databaseLost(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String s = sql.getSQLState();
                // 40001/40P01: PostgreSQL rolled the transaction back (serialization failure, deadlock victim);
                // nothing was written and the same request can simply be sent again.
                if (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03") || s.equals("40001") || s.equals("40P01")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    private static boolean sqlState(DataAccessException e, String state) {
        return state.equals(e.sqlState());
    }

    private static boolean sqlClass(DataAccessException e, String prefix) {
        String state = e.sqlState();
        return state != null && state.startsWith(prefix);
    }
}
