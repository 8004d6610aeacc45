package dev.kappa.item;

import dev.kappa.auth.Principal;
import dev.kappa.project.Paging;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import java.util.List;

/** Reading items. Listing shows gold, so it is for engineers and admins; annotators get items through leases. */
public final class ItemService {
    private final Db db;

    public ItemService(Db db) {
        this.db = db;
    }

    public Future<List<ItemView>> page(Principal p, long projectId, Paging paging) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return ItemRepository.page(tx, projectId, paging.after(), paging.limit()).stream().map(ItemView::of).toList();
        });
    }
}
