package dev.kappa.item;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import dev.kappa.project.Paging;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The item listing, in import order, by keyset pages on seq. */
public final class ItemRoutes implements ApiRouter.Routes {
    /** {@code next_after} only when the page is full (there may be more). */
    record Page(List<ItemView> items, @JsonInclude(JsonInclude.Include.NON_NULL) Long nextAfter) {
    }

    private final ItemService items;

    public ItemRoutes(ItemService items) {
        this.items = items;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("listItems", this::list);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        Paging paging = Paging.of(Query.from(ctx));
        items.page(p, projectId, paging).onSuccess(page -> Responses.json(ctx, 200,
                new Page(page, page.size() == paging.limit() ? page.get(page.size() - 1).seq() : null))).onFailure(ctx::fail);
    }
}
