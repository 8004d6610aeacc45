package dev.kappa.item;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.project.Paging;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The item listing, in import order, by keyset pages on seq. */
public final class ItemRoutes implements ApiRouter.Routes {
    private final ItemService items;

    public ItemRoutes(ItemService items) {
        this.items = items;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/projects/:id/items").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        Paging paging = Paging.of(Query.from(ctx));
        items.page(p, projectId, paging).onSuccess(page -> {
            JsonObject body = new JsonObject().put("items", page);
            if (page.size() == paging.limit()) {
                body.put("next_after", page.getJsonObject(page.size() - 1).getLong("seq"));
            }
            Responses.json(ctx, 200, body);
        }).onFailure(ctx::fail);
    }
}
