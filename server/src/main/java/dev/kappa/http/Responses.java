package dev.kappa.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON writers shared by every feature's routes. */
public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    public static void json(RoutingContext ctx, int status, JsonArray body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** A service's record (or a list or map of them), written by {@link RecordJson}. */
    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(RecordJson.encode(body));
    }

    /** A whole CSV table (small reports; streamed exports write their own). */
    public static void csv(RoutingContext ctx, String body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/csv; charset=utf-8").end(body);
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }
}
