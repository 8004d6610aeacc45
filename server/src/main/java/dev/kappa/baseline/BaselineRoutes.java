package dev.kappa.baseline;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;


/** {@code GET /api/projects/{id}/baselines}: human baselines beside every model run (engineers and admins). */
public final class BaselineRoutes implements ApiRouter.Routes {
    private final BaselineService baselines;

    public BaselineRoutes(BaselineService baselines) {
        this.baselines = baselines;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getBaselines", this::get);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        BaselineRequest q = BaselineRequest.from(Query.from(ctx));
        baselines.baseline(p, id, q).onSuccess(b -> {
            if (q.format().equals("csv")) {
                Responses.csv(ctx, BaselineCsv.of(b, q.table()));
            } else {
                Responses.json(ctx, 200, BaselineView.of(b));
            }
        }).onFailure(ctx::fail);
    }
}
