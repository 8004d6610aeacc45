package dev.kappa.health;

import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;

/** Liveness says the process answers; readiness says the database does too. */
public final class HealthRoutes implements ApiRouter.Routes {
    private final Readiness readiness;

    record Live(String status) {
    }

    record Ready(String status, String database, String installationId) {
    }

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getHealth", ctx -> Responses.json(ctx, 200, new Live("up")));
        // The failure's class and message stay in the log: they name the driver's internals, not anything a probe needs.
        operations.handle("getReadiness", ctx -> readiness.check()
                .onSuccess(id -> Responses.json(ctx, 200, new Ready("ready", "up", id.toString())))
                .onFailure(e -> ctx.fail(Problems.unavailable("The database did not answer within " + Readiness.TIMEOUT_MS + " ms"))));
    }
}
