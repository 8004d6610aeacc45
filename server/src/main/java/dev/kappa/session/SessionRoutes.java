package dev.kappa.session;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.AuthService;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.http.Access;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.AuthHandler;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.TrustedProxies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** Login, logout and "who am I": the session's routes, over {@link AuthService}. */
public final class SessionRoutes implements ApiRouter.Routes {
    /** A long-lived random id for a browser that has logged in: its attempts count apart from strangers'. */
    static final String DEVICE_COOKIE = "kappa_device";

    private final AuthService auth;
    private final boolean secureCookie;
    private final TrustedProxies proxies;

    public SessionRoutes(AuthService auth, boolean secureCookie, TrustedProxies proxies) {
        this.auth = auth;
        this.secureCookie = secureCookie;
        this.proxies = proxies;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("login", this::login);
        operations.handle("logout", this::logout);
        operations.handle("getMe", ctx -> Responses.json(ctx, 200, me(Access.caller(ctx))));
    }

    private void login(RoutingContext ctx) {
        Input in = Input.body(ctx);
        String email = in.string("email");
        String password = in.string("password");
        Cookie device = ctx.request().getCookie(DEVICE_COOKIE);
        String deviceToken = device == null || device.getValue().length() < 32 || device.getValue().length() > 64 ? null : device.getValue();
        auth.login(email, password, new AuthService.Origin(proxies.clientAddress(ctx.request()), deviceToken)).onSuccess(s -> {
            ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, s.cookieValue())
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secureCookie).setPath("/")
                    .setMaxAge(java.time.Duration.between(java.time.OffsetDateTime.now(), s.expiresAt()).toSeconds()));
            ctx.response().addCookie(Cookie.cookie(DEVICE_COOKIE, s.deviceToken())
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secureCookie).setPath("/api/auth")
                    .setMaxAge(365L * 24 * 3600));
            Principal p = s.principal();
            Responses.json(ctx, 200, new Me(p.userId(), p.email(), p.displayName(), p.role(), p.status(), p.tier(),
                    s.csrfToken(), s.expiresAt().toInstant()));
        }).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        Access.caller(ctx);
        Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
        if (cookie == null) {
            Responses.noContent(ctx);
            return;
        }
        auth.logout(cookie.getValue()).onSuccess(v -> {
            ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, "").setPath("/").setMaxAge(0)
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secureCookie));
            Responses.noContent(ctx);
        }).onFailure(ctx::fail);
    }

    /** Who the caller is; a session also carries its CSRF token (and, at login, when it ends). */
    record Me(long id, String email, String displayName, Role role, AccountStatus status, Tier tier,
              @JsonInclude(JsonInclude.Include.NON_NULL) String csrfToken,
              @JsonInclude(JsonInclude.Include.NON_NULL) java.time.Instant expiresAt) {
    }

    static Me me(Principal p) {
        return new Me(p.userId(), p.email(), p.displayName(), p.role(), p.status(), p.tier(),
                p.viaSession() ? p.csrfToken() : null, null);
    }
}
