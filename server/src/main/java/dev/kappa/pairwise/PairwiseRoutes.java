package dev.kappa.pairwise;

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
        String tier = tier(ctx);
        String order = Query.from(ctx).raw("order");
        if (order == null || order.isBlank()) {
            order = "cluster";
        } else if (!order.equals("cluster") && !order.equals("agreement") && !order.equals("id")) {
            throw Problems.badRequest("order", "must be cluster, agreement or id");
        }
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

    private static String tier(RoutingContext ctx) {
        String tier = Query.from(ctx).raw("tier");
        if (tier == null || tier.isBlank()) {
            return null;
        }
        if (!tier.equals("crowd") && !tier.equals("expert")) {
            throw Problems.badRequest("tier", "must be crowd or expert");
        }
        return tier;
    }

    private static long userId(RoutingContext ctx, String name) {
        String v = Query.from(ctx).raw(name);
        if (v == null || v.isBlank()) {
            throw Problems.badRequest(name, "is required (a user id)");
        }
        try {
            long id = Long.parseLong(v.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problems.badRequest(name, "must be a positive user id");
    }
}
