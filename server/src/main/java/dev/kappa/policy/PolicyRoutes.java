package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.baseline.BaselineRequest;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;


/** The evaluation policy (GET, PUT) and {@code GET /api/projects/{id}/leaderboard} (engineers and admins). */
public final class PolicyRoutes implements ApiRouter.Routes {
    private final PolicyService policies;

    public PolicyRoutes(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getEvaluationPolicy", this::get);
        operations.handle("setEvaluationPolicy", this::put);
        operations.handle("getLeaderboard", this::leaderboard);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        policies.get(p, id).onSuccess(policy -> Responses.json(ctx, 200, policy)).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        EvaluationPolicy policy = PolicyInput.read(Input.body(ctx));
        policies.put(p, id, policy).onSuccess(saved -> Responses.json(ctx, 200, saved)).onFailure(ctx::fail);
    }

    private void leaderboard(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        if (Query.from(ctx).has("table")) {
            throw Problems.badRequest("table", "the leaderboard is one table");
        }
        BaselineRequest q = BaselineRequest.from(Query.from(ctx));
        policies.leaderboard(p, id, q).onSuccess(r -> {
            if (q.format().equals("csv")) {
                Responses.csv(ctx, LeaderboardCsv.of(r));
            } else {
                Responses.json(ctx, 200, LeaderboardView.of(r));
            }
        }).onFailure(ctx::fail);
    }
}
