package dev.kappa.confusion;

import dev.kappa.auth.Tier;
import dev.kappa.http.Query;
import dev.kappa.http.Access;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/projects/{id}/confusion}: a run's or a tier's confusion matrix against a reference. */
public final class ConfusionRoutes implements ApiRouter.Routes {
    private final ConfusionService service;

    public ConfusionRoutes(ConfusionService service) {
        this.service = service;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getConfusionMatrix", this::get);
    }

    private void get(RoutingContext ctx) {
        long id = Input.pathId(ctx, "id", "project");
        // The enums and run_id's range are openapi.yaml's; that exactly one of tier and run_id is given is not.
        String tier = Query.from(ctx).value("tier");
        Long runId = Query.from(ctx).whole("run_id");
        if ((tier == null) == (runId == null)) {
            throw Problems.badRequest("tier", "give exactly one of tier and run_id");
        }
        String reference = Query.from(ctx).value("reference");
        reference = reference == null ? "gold" : reference;
        service.confusion(Access.caller(ctx), id, Tier.of(tier), runId, reference)
                .onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
    }
}
