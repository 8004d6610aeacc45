package dev.kappa.activity;

import dev.kappa.http.Query;
import dev.kappa.http.Access;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code GET /api/projects/{id}/throughput}: answers per hour (or day) by tier, and the burndown of items left. */
public final class ThroughputRoutes implements ApiRouter.Routes {
    /** Dates outside these years are typos (or probes), not ranges anyone means. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final ThroughputService service;

    public ThroughputRoutes(ThroughputService service) {
        this.service = service;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getProjectThroughput", this::get);
    }

    private void get(RoutingContext ctx) {
        long id = Input.pathId(ctx, "id", "project");
        String bucket = Query.from(ctx).value("bucket");
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problems.badRequest("to", "must be after from");
        }
        service.throughput(Access.caller(ctx), id, bucket, from, to)
                .onSuccess(t -> Responses.json(ctx, 200, ThroughputView.of(t))).onFailure(ctx::fail);
    }

    static Instant time(RoutingContext ctx, String name) {
        String v = Query.from(ctx).raw(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // The contract checked the form (TimeBound); Java's parser is only stricter on a few edge cases.
            throw Problems.badRequest(name, "must be an ISO-8601 date (2026-01-31) or instant (2026-01-31T12:00:00Z)");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw Problems.badRequest(name, "must be between 2000-01-01 and 2100-01-01");
        }
        return t;
    }
}
