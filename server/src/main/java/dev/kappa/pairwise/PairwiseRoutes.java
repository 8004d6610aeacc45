package dev.kappa.pairwise;

import dev.kappa.auth.Tier;
import dev.kappa.http.Query;
import dev.kappa.http.Access;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/projects/{id}/agreement/pairs}: a page of the annotator-by-annotator agreement matrix;
 * {@code GET /api/projects/{id}/agreement/pairs/disagreements}: the items on which two annotators differ.
 */
public final class PairwiseRoutes implements ApiRouter.Routes {
    private final PairwiseService service;

    public PairwiseRoutes(PairwiseService service) {
        this.service = service;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getPairwiseAgreementMatrix", this::matrix);
        operations.handle("listPairDisagreements", this::disagreements);
    }

    private void matrix(RoutingContext ctx) {
        long id = Input.pathId(ctx, "id", "project");
        Tier tier = tier(ctx);
        String order = Query.from(ctx).value("order"); // cluster, agreement or id (the contract's enum)
        order = order == null ? "cluster" : order;
        Integer m = Input.queryInt(ctx, "min_shared");
        Integer rowOffset = Input.queryInt(ctx, "row_offset");
        Integer colOffset = Input.queryInt(ctx, "col_offset");
        Integer size = Input.queryInt(ctx, "size");
        service.matrix(Access.caller(ctx), id, tier, order, m == null ? 10 : m, rowOffset == null ? 0 : rowOffset,
                        colOffset == null ? 0 : colOffset, size == null ? 25 : size)
                .onSuccess(mx -> Responses.json(ctx, 200, PairMatrixView.of(mx))).onFailure(ctx::fail);
    }

    private void disagreements(RoutingContext ctx) {
        long id = Input.pathId(ctx, "id", "project");
        long a = userId(ctx, "a");
        long b = userId(ctx, "b");
        if (a == b) {
            throw Problems.badRequest("b", "must differ from a");
        }
        Integer offset = Input.queryInt(ctx, "offset");
        Integer limit = Input.queryInt(ctx, "limit");
        service.disagreements(Access.caller(ctx), id, a, b, tier(ctx), offset == null ? 0 : offset, limit == null ? 50 : limit)
                .onSuccess(d -> Responses.json(ctx, 200, d)).onFailure(ctx::fail);
    }

    private static Tier tier(RoutingContext ctx) {
        return Tier.of(Query.from(ctx).value("tier"));
    }

    /** A required positive user id (the contract's). */
    private static long userId(RoutingContext ctx, String name) {
        return Query.from(ctx).whole(name);
    }
}
