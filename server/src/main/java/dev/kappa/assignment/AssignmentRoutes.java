package dev.kappa.assignment;

import dev.kappa.http.Access;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** Next task, and the three ways a lease ends: answer, skip, release. */
public final class AssignmentRoutes implements ApiRouter.Routes {
    private final AssignmentService assignment;

    public AssignmentRoutes(AssignmentService assignment) {
        this.assignment = assignment;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("leaseNextTask", this::next);
        operations.handle("submitAnswer", this::answer);
        operations.handle("undoAnswer", this::undo);
        operations.handle("skipLease", this::skip);
        operations.handle("releaseLease", this::release);
    }

    private void next(RoutingContext ctx) {
        var caller = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        assignment.next(caller, projectId).onSuccess(n -> {
            if (n.task() == null) {
                // 204 has no body, so the reason travels in a header: paused, quota or exhausted.
                ctx.response().putHeader("Kappa-No-Task-Reason", n.noTaskReason());
                Responses.noContent(ctx);
            } else {
                Responses.json(ctx, 200, n.task());
            }
        }).onFailure(ctx::fail);
    }

    private void answer(RoutingContext ctx) {
        var caller = Access.caller(ctx);
        LeaseId id = LeaseId.parse(Input.path(ctx, "leaseId"));
        Input in = Input.body(ctx);
        Integer duration = in.integer("duration_ms");
        assignment.submit(caller, id, in.json().getValue("label"), duration)
                .onSuccess(a -> Responses.json(ctx, a.replayed() ? 200 : 201, a)).onFailure(ctx::fail);
    }

    private void undo(RoutingContext ctx) {
        var caller = Access.caller(ctx);
        LeaseId id = LeaseId.parse(Input.path(ctx, "leaseId"));
        assignment.undo(caller, id).onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
    }

    private void skip(RoutingContext ctx) {
        var caller = Access.caller(ctx);
        LeaseId id = LeaseId.parse(Input.path(ctx, "leaseId"));
        String reason = Input.body(ctx).string("reason");
        assignment.skip(caller, id, reason).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void release(RoutingContext ctx) {
        var caller = Access.caller(ctx);
        LeaseId id = LeaseId.parse(Input.path(ctx, "leaseId"));
        assignment.release(caller, id).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }
}
