package dev.kappa.review;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.http.Access;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/projects/{id}/consensus/items}: one page of items with their consensus, for the consensus browser. */
public final class ConsensusPageRoutes implements ApiRouter.Routes {
    private final ConsensusPageService service;

    public ConsensusPageRoutes(ConsensusPageService service) {
        this.service = service;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("listConsensusItems", this::get);
    }

    private void get(RoutingContext ctx) {
        long id = Input.pathId(ctx, "id", "project");
        ConsensusRequest q = ConsensusRequest.from(Query.from(ctx));
        String max = Query.from(ctx).raw("max_confidence");
        Double maxConfidence = max == null || max.isBlank() ? null : AnalysisQuery.number(Query.from(ctx), "max_confidence", 1);
        boolean unresolved = flag(ctx, "unresolved");
        String order = Query.from(ctx).raw("order");
        if (order != null && !order.equals("confidence") && !order.equals("queue")) {
            throw Problems.badRequest("order", "must be confidence or queue");
        }
        Integer offset = Input.queryInt(ctx, "offset");
        Integer limit = Input.queryInt(ctx, "limit");
        service.page(Access.caller(ctx), id, q, maxConfidence, unresolved, !"queue".equals(order), offset == null ? 0 : offset,
                limit == null ? 20 : limit).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
    }

    private static boolean flag(RoutingContext ctx, String name) {
        String v = Query.from(ctx).raw(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw Problems.badRequest(name, "must be true or false");
        }
        return v.equals("true");
    }
}
