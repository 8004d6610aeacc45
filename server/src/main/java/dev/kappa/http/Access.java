package dev.kappa.http;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.error.Problems;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;

/** Route-side checks: who is calling, and may their role do this. */
public final class Access {
    static final String KEY = "kappa.principal";

    private Access() {
    }

    /** The caller, or 401 when the request carries no valid session or token. */
    public static Principal caller(RoutingContext ctx) {
        Principal p = ctx.get(KEY);
        if (p == null) {
            throw Problems.unauthorized("Log in or send 'Authorization: Bearer <token>'");
        }
        return p;
    }

    /** The caller if their role is one of {@code roles}; 403 otherwise. */
    public static Principal require(RoutingContext ctx, Role... roles) {
        Principal p = caller(ctx);
        if (Arrays.stream(roles).noneMatch(r -> r == p.role())) {
            throw Problems.forbidden("This needs the role " + String.join(" or ", Arrays.stream(roles).map(Role::key).toList()));
        }
        return p;
    }

    public static Principal manager(RoutingContext ctx) {
        return require(ctx, Role.ADMIN, Role.ENGINEER);
    }

    public static Principal admin(RoutingContext ctx) {
        return require(ctx, Role.ADMIN);
    }
}
