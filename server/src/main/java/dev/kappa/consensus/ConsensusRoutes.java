package dev.kappa.consensus;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.JsonLines;
import dev.kappa.http.Query;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/projects/{id}/consensus}: one JSON line per item (engineers and admins). */
public final class ConsensusRoutes implements ApiRouter.Routes {
    private final ConsensusService consensus;

    public ConsensusRoutes(ConsensusService consensus) {
        this.consensus = consensus;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("streamConsensus", this::get);
        operations.handle("getConsensusModel", this::model);
    }

    /** {@code GET /api/projects/{id}/consensus/model?method=dawid-skene}: the fitted parameters (issue 14). */
    private void model(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        // The contract allows method=dawid-skene only here; the weights are not this operation's parameters.
        if (Query.from(ctx).raw("crowd_weight") != null || Query.from(ctx).raw("expert_weight") != null) {
            throw Problems.badRequest("crowd_weight", "tier weights belong to the weighted method, not to Dawid-Skene");
        }
        ConsensusRequest q = ConsensusRequest.from(Query.from(ctx));
        consensus.model(p, id, q).onSuccess(m -> dev.kappa.http.Responses.json(ctx, 200, ModelView.of(id, m, q)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        ConsensusRequest q = ConsensusRequest.from(Query.from(ctx));
        consensus.compute(p, id, q).compose(c -> {
            JsonLines out = new JsonLines(ctx.response()
                    .putHeader("Kappa-Consensus-Method", q.method().key())
                    .putHeader("Kappa-Tier-Weights", "crowd=" + c.tierWeights()[0] + ",expert=" + c.tierWeights()[1]));
            if (q.method() == ConsensusMethod.DAWID_SKENE) {
                out.response().putHeader("Kappa-Iterations", String.valueOf(c.consensus().iterations()))
                        .putHeader("Kappa-Converged", String.valueOf(c.consensus().converged()));
            }
            return consensus.stream(c, (item, index) -> out.line(g -> c.consensus().writeLine(g, item, index)), out::end);
        }).onFailure(ctx::fail);
    }
}
