package dev.kappa.token;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** Engineers and admins manage their own tokens; admins can issue one for any user (crowd platform provisioning). */
public final class TokenRoutes implements ApiRouter.Routes {
    record Tokens(java.util.List<ApiToken> tokens) {
    }

    private final TokenService tokens;

    public TokenRoutes(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("createToken", this::create);
        operations.handle("listTokens", this::list);
        operations.handle("revokeToken", this::revoke);
        operations.handle("issueUserToken", this::createForUser);
    }

    private void create(RoutingContext ctx) {
        Principal p = Access.manager(ctx);
        String name = Input.body(ctx).string("name");
        tokens.create(p.userId(), name).onSuccess(t -> Responses.json(ctx, 201, t)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.manager(ctx);
        tokens.list(p.userId()).onSuccess(l -> Responses.json(ctx, 200, new Tokens(l))).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        Principal p = Access.manager(ctx);
        long id = Input.pathId(ctx, "id", "token");
        tokens.revoke(p, id).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void createForUser(RoutingContext ctx) {
        Access.admin(ctx);
        long userId = Input.pathId(ctx, "id", "user");
        String name = Input.body(ctx).string("name");
        tokens.create(userId, name).onSuccess(t -> Responses.json(ctx, 201, t)).onFailure(ctx::fail);
    }
}
