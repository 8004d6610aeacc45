package dev.kappa.project;

import dev.kappa.auth.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Projects: engineers and admins create and change them; everyone lists and reads the ones they may see. */
public final class ProjectRoutes implements ApiRouter.Routes {
    private final ProjectService projects;

    public ProjectRoutes(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/projects").handler(this::create);
        router.get("/api/projects").handler(this::list);
        router.get("/api/projects/:id").handler(this::get);
        router.patch("/api/projects/:id").handler(this::update);
    }

    private void create(RoutingContext ctx) {
        Principal p = Access.manager(ctx);
        ProjectSettings settings = ProjectSettings.read(Input.body(ctx), true);
        projects.create(p, settings).onSuccess(j -> Responses.json(ctx, 201, j)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        Paging paging = Paging.of(ctx);
        projects.page(p, paging).onSuccess(page -> {
            JsonObject body = new JsonObject().put("projects", page);
            if (page.size() == paging.limit()) {
                body.put("next_after", page.getJsonObject(page.size() - 1).getLong("id"));
            }
            Responses.json(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        projects.get(p, id).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        ProjectSettings settings = ProjectSettings.read(Input.body(ctx), false);
        projects.update(p, id, settings).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }
}
