package dev.kappa.confusion;

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
        String tier = Query.from(ctx).raw("tier");
        String run = Query.from(ctx).raw("run_id");
        if ((tier == null) == (run == null)) {
            throw Problems.badRequest("tier", "give exactly one of tier and run_id");
        }
        if (tier != null && !tier.equals("crowd") && !tier.equals("expert")) {
            throw Problems.badRequest("tier", "must be crowd or expert");
        }
        Long runId = null;
        if (run != null) {
            try {
                runId = Long.parseLong(run.trim());
            } catch (NumberFormatException e) {
                throw Problems.badRequest("run_id", "must be a positive whole number");
            }
            if (runId <= 0) {
                throw Problems.badRequest("run_id", "must be a positive whole number");
            }
        }
        String reference = Query.from(ctx).raw("reference");
        if (reference == null || reference.isBlank()) {
            reference = "gold";
        } else if (!reference.equals("gold") && !reference.equals("consensus")) {
            throw Problems.badRequest("reference", "must be gold or consensus");
        }
        service.confusion(Access.caller(ctx), id, tier, runId, reference)
                .onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
    }
}
