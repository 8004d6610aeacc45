package dev.kappa.review;

import dev.kappa.http.Access;
import dev.kappa.consensus.ConsensusRequest;
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
        // Types, ranges and the order's enum are openapi.yaml's, checked before this ran.
        Double maxConfidence = Query.from(ctx).number("max_confidence");
        boolean unresolved = "true".equals(Query.from(ctx).value("unresolved"));
        String order = Query.from(ctx).value("order");
        Integer offset = Input.queryInt(ctx, "offset");
        Integer limit = Input.queryInt(ctx, "limit");
        service.page(Access.caller(ctx), id, q, maxConfidence, unresolved, !"queue".equals(order), offset == null ? 0 : offset,
                limit == null ? 20 : limit).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
    }

}
