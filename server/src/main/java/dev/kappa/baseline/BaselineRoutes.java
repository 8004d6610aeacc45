package dev.kappa.baseline;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.auth.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** {@code GET /api/projects/{id}/baselines}: human baselines beside every model run (engineers and admins). */
public final class BaselineRoutes implements ApiRouter.Routes {
    private final BaselineService baselines;

    public BaselineRoutes(BaselineService baselines) {
        this.baselines = baselines;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/projects/:id/baselines").handler(this::get);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        BaselineRequest q = request(ctx, Set.of("json", "csv"));
        baselines.baseline(p, id, q).onSuccess(b -> {
            if (q.format().equals("csv")) {
                Responses.csv(ctx, BaselineCsv.of(b, q.table()));
            } else {
                Responses.json(ctx, 200, BaselineJson.of(b));
            }
        }).onFailure(ctx::fail);
    }

    /** Shared with the leaderboard, which is computed from the same report. */
    public static BaselineRequest request(RoutingContext ctx, Set<String> formats) {
        String reference = choice(ctx, "reference", BaselineRequest.REFERENCES, null);
        Integer resamples = Input.queryInt(ctx, "resamples", 0, 10_000);
        Integer minItems = Input.queryInt(ctx, "min_items", 1, 1_000_000);
        String format = choice(ctx, "format", formats, "json");
        String table = choice(ctx, "table", BaselineRequest.TABLES, "rows");
        if (ctx.queryParams().contains("table") && !format.equals("csv")) {
            throw Problems.badRequest("table", "applies to format=csv only");
        }
        return new BaselineRequest(reference, resamples == null ? BaselineOptions.DEFAULT_RESAMPLES : resamples,
                AnalysisQuery.seed(ctx, BaselineOptions.DEFAULT_SEED),
                minItems == null ? BaselineOptions.DEFAULT_MIN_ITEMS : minItems, format, table);
    }

    private static String choice(RoutingContext ctx, String name, Set<String> allowed, String fallback) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(v.trim())) {
            throw Problems.badRequest(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v.trim();
    }
}
