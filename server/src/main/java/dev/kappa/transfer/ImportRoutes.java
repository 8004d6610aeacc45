package dev.kappa.transfer;

import dev.kappa.auth.Tier;
import dev.kappa.http.Query;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.core.Future;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/**
 * Streamed uploads. The router hands these requests over paused and without a body handler; the body is attached
 * as a stream before anything else, so that whatever fails (401, 404, 415, 422) the rest of the upload is drained
 * and the client receives the answer instead of a reset connection.
 */
public final class ImportRoutes implements ApiRouter.Routes {
    private final ImportService imports;
    private final TransferLimit limit;

    public ImportRoutes(ImportService imports, TransferLimit limit) {
        this.imports = imports;
        this.limit = limit;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("importItems", ctx -> upload(ctx, (p, id, format, body) -> imports.items(p, id, format, body)));
        operations.handle("importPredictions", ctx -> upload(ctx,
                (p, id, format, body) -> imports.predictions(p, id, format, body, run(ctx))));
        operations.handle("importAnswers", ctx -> upload(ctx, (p, id, format, body) -> imports.answers(p, id, format, body, answerOptions(ctx))));
    }

    private interface Upload {
        Future<?> start(Principal p, long projectId, UploadFormat format, BodyStream body);
    }

    private void upload(RoutingContext ctx, Upload upload) {
        BodyStream body = BodyStream.attach(ctx.request());
        try {
            Principal p = Access.caller(ctx);
            long id = Input.pathId(ctx, "id", "project");
            UploadFormat format = UploadFormat.of(ctx.request().getHeader("Content-Type"));
            limit.acquire();
            Future<?> done;
            try {
                done = upload.start(p, id, format, body);
            } catch (RuntimeException e) {
                limit.release();
                throw e;
            }
            done.onComplete(ar -> {
                limit.release();
                if (ar.succeeded()) {
                    Responses.json(ctx, 200, ar.result());
                } else {
                    body.discard();
                    ctx.fail(ar.cause());
                }
            });
        } catch (RuntimeException e) {
            body.discard();
            ctx.fail(e);
        }
    }

    /**
     * How to read past answers: {@code source} (kappa, crowd-kit, toloka, label-studio, prodigy), a column mapping
     * {@code map.item=question&map.annotator=worker&map.label=answer} (also map.tier, map.duration, map.created_at),
     * {@code tier} for lines without one (default crowd for other tools' files, required per line otherwise),
     * {@code from_name} (Label Studio's control to read), and {@code fill_slots}.
     */
    private static ImportService.AnswerOptions answerOptions(RoutingContext ctx) {
        AnswerSource source = AnswerSource.of(Query.from(ctx).raw("source"));
        java.util.Map<String, String> mapping = new java.util.HashMap<>();
        for (String name : Query.from(ctx).params().names()) {
            if (!name.startsWith("map.")) {
                continue;
            }
            String target = name.substring(4);
            target = "duration".equals(target) ? "duration_ms" : target;
            if (!ToolRows.TARGETS.contains(target)) {
                throw Problems.badRequest(name, "maps a field Kappa does not have (item, annotator, tier, label, duration, created_at)");
            }
            String column = Query.from(ctx).raw(name);
            if (column == null || column.isBlank()) {
                // The contract bounds the length; a blank value is absent to the router, but here it maps nothing.
                throw Problems.badRequest(name, "must name a column of the file (1 to 200 characters)");
            }
            mapping.put(target, column);
        }
        Tier tier = Tier.of(Query.from(ctx).value("tier"));
        if (tier == null && (source != AnswerSource.KAPPA || !mapping.isEmpty())) {
            tier = Tier.CROWD;
        }
        String fromName = Query.from(ctx).raw("from_name");
        return new ImportService.AnswerOptions(source, java.util.Map.copyOf(mapping), tier,
                fromName == null || fromName.isBlank() ? null : fromName, !Boolean.FALSE.equals(Query.from(ctx).bool("fill_slots")));
    }

    /** The model run named in the query string. */
    private static PredictionImport.Run run(RoutingContext ctx) {
        return new PredictionImport.Run(text(ctx, "model"), text(ctx, "version"), metric(ctx, "latency_ms"),
                metric(ctx, "size_mb"), metric(ctx, "cost_per_1k"));
    }

    /** Required and at most 200 characters (openapi.yaml, checked by the router); kept as sent, spaces and all. */
    private static String text(RoutingContext ctx, String name) {
        return Query.from(ctx).raw(name);
    }

    /** At least 0 (openapi.yaml); a number too large for a double parses as infinity, which no run measures. */
    private static Double metric(RoutingContext ctx, String name) {
        Double d = Query.from(ctx).number(name);
        if (d != null && !Double.isFinite(d)) {
            throw Problems.badRequest(name, "must be a number of at least 0");
        }
        return d;
    }
}
