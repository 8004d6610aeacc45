package dev.kappa.project;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** A project's managers: the engineers who see and manage it (admins see every project). */
public final class ManagerRoutes implements ApiRouter.Routes {
    record Managers(List<Manager> managers) {
    }

    private final ManagerService managers;

    public ManagerRoutes(ManagerService managers) {
        this.managers = managers;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("listProjectManagers", this::list);
        operations.handle("addProjectManager", this::add);
        operations.handle("removeProjectManager", this::remove);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        managers.list(p, projectId).onSuccess(list -> Responses.json(ctx, 200, new Managers(list))).onFailure(ctx::fail);
    }

    private void add(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long userId = Input.body(ctx).integer("user_id");
        managers.add(p, projectId, userId).onSuccess(a -> Responses.json(ctx, a.created() ? 201 : 200, a.manager())).onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long userId = Input.pathId(ctx, "userId", "manager");
        managers.remove(p, projectId, userId).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }
}
