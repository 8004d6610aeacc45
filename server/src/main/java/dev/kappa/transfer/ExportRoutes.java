package dev.kappa.transfer;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** The streamed export of a project's items, answers and gold (engineers and admins). */
public final class ExportRoutes implements ApiRouter.Routes {
    private final ExportService exports;
    private final TransferLimit limit;

    public ExportRoutes(ExportService exports, TransferLimit limit) {
        this.exports = exports;
        this.limit = limit;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("exportProject", this::export);
    }

    private void export(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        ExportFilter filter = ExportFilter.of(Query.from(ctx));
        // A failure after the first byte cannot become a problem+json any more; the failure handler then resets
        // the connection, so the client sees a broken download rather than a silently truncated one.
        limit.acquire();
        exports.export(p, id, filter, ctx.response()).onComplete(ar -> limit.release()).onFailure(ctx::fail);
    }
}
