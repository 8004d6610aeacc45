package dev.kappa.hardness;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.JsonLines;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** Hard cases for engineers: list or feed, JSONL export for training, and the per-class weakness report. */
public final class HardCaseRoutes implements ApiRouter.Routes {
    private final HardCaseService cases;

    public HardCaseRoutes(HardCaseService cases) {
        this.cases = cases;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("listHardCases", this::list);
        operations.handle("exportHardCases", this::export);
        operations.handle("listHardCaseClasses", this::classes);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        HardCaseQuery q = query(ctx, true);
        cases.list(p, id, q).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        HardCaseQuery q = query(ctx, false);
        cases.export(p, id, q).compose(e -> {
            JsonLines out = new JsonLines(ctx.response().putHeader("Kappa-Next-Cursor", e.nextCursor().toString())
                    .putHeader("Kappa-Run-Id", e.runId() == null ? "" : e.runId().toString()));
            return cases.stream(e, out::record, out::end);
        }).onFailure(ctx::fail);
    }

    private void classes(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        Long run = Query.from(ctx).whole("run_id");
        cases.classes(p, id, run).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static HardCaseQuery query(RoutingContext ctx, boolean paged) {
        String reasonKey = param(ctx, "reason");
        Reason reason = reasonKey == null ? null : Reason.of(reasonKey);
        String min = param(ctx, "min_score");
        Integer limit = paged ? Input.queryInt(ctx, "limit") : null;
        String since = param(ctx, "since");
        return new HardCaseQuery(Query.from(ctx).whole("run_id"), param(ctx, "class"),
                min == null ? null : AnalysisQuery.number(Query.from(ctx), "min_score", 0),
                reason, Query.from(ctx).bool("model_wrong"), Query.from(ctx).bool("labeled"),
                limit == null ? HardCaseQuery.DEFAULT_LIMIT : limit, since == null ? null : FeedCursor.parse(since));
    }


    private static String param(RoutingContext ctx, String name) {
        String v = Query.from(ctx).raw(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
