package dev.kappa.health;

import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Responses;
import dev.kappa.sql.Db;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import static dev.kappa.db.Tables.INSTALLATION;

/** Liveness says the process answers; readiness says the database does too. */
public final class HealthRoutes implements ApiRouter.Routes {
    private final Db db;

    public HealthRoutes(Db db) {
        this.db = db;
    }

    @Override
    public void mount(Router router) {
        router.get("/health").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "up")));
        router.get("/ready").handler(ctx -> db.tx(tx -> tx.select(INSTALLATION.UUID).from(INSTALLATION).queryTimeout(2).fetchOne(INSTALLATION.UUID))
                .onSuccess(id -> Responses.json(ctx, 200, new JsonObject()
                        .put("status", "ready").put("database", "up").put("installation_id", id.toString())))
                .onFailure(e -> ctx.fail(Problems.unavailable("The database is not reachable: " + e.getClass().getSimpleName()))));
    }
}
