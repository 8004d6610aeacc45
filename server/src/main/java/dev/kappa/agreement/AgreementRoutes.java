package dev.kappa.agreement;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/projects/{id}/agreement}: every coefficient with its bootstrap interval (engineers and admins). */
public final class AgreementRoutes implements ApiRouter.Routes {
    private final AgreementService agreement;

    public AgreementRoutes(AgreementService agreement) {
        this.agreement = agreement;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getAgreement", this::get);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        Integer m = Input.queryInt(ctx, "m");
        AgreementRequest q = new AgreementRequest(AnalysisQuery.filter(Query.from(ctx)),
                m == null ? AgreementRequest.DEFAULT_MIN_SHARED : m,
                Input.queryInt(ctx, "resamples"),
                AnalysisQuery.seed(Query.from(ctx), AgreementRequest.DEFAULT_SEED),
                AnalysisQuery.number(Query.from(ctx), "level", AgreementRequest.DEFAULT_LEVEL));
        agreement.agreement(p, id, q).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }
}
