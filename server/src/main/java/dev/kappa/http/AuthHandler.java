package dev.kappa.http;

import dev.kappa.auth.AuthRepository;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Secrets;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.Set;

/**
 * Resolves the caller from a bearer token or the session cookie, once per API request, and enforces CSRF for cookie
 * sessions: a state-changing request must echo the session's token in {@code X-CSRF-Token}. Bearer tokens are not
 * sent automatically by browsers, so they need no CSRF token. Anonymous requests pass through; routes decide.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    public static final String SESSION_COOKIE = "kappa_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Db db;

    public AuthHandler(Db db) {
        this.db = db;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        if (authorization == null && cookie == null) {
            ctx.next();
            return;
        }
        boolean bearer = authorization != null;
        if (bearer && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(Problems.unauthorized("The Authorization header must be 'Bearer <token>'"));
            return;
        }
        byte[] hash = Secrets.sha256(bearer ? authorization.substring(7).trim() : cookie.getValue());
        db.read(q -> bearer ? AuthRepository.byToken(q, hash) : AuthRepository.bySession(q, hash)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Optional<Principal> principal = ar.result();
            if (principal.isEmpty()) {
                if (bearer) {
                    ctx.fail(Problems.unauthorized("The token is unknown, revoked, or its user is blocked"));
                    return;
                }
                // A stale cookie is not an error in itself: the request is simply anonymous.
                ctx.next();
                return;
            }
            Principal p = principal.get();
            if (p.viaSession() && !SAFE.contains(ctx.request().method())
                    && !p.csrfToken().equals(ctx.request().getHeader(CSRF_HEADER))) {
                ctx.fail(Problems.forbidden("A state-changing request from a browser session needs the " + CSRF_HEADER + " header"));
                return;
            }
            ctx.put(Access.KEY, p);
            ctx.next();
        });
    }
}
