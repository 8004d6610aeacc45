package dev.kappa.http;

import dev.kappa.auth.AuthRepository;
import dev.kappa.auth.Principal;
import dev.kappa.auth.PrincipalCache;
import dev.kappa.auth.Secrets;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the caller from a bearer token or the session cookie, once per API request, and enforces CSRF for cookie
 * sessions: a state-changing request must echo the session's token in {@code X-CSRF-Token}. Bearer tokens are not
 * sent automatically by browsers, so they need no CSRF token. Anonymous requests pass through; routes decide.
 * Resolved principals come from this process' {@link PrincipalCache} when it has them. Any state-changing request
 * except the few known never to change an account (taking, answering, skipping, releasing a task; logging in) clears
 * that cache just before its response is sent, so a revocation, block or role change made here is in force for the
 * very next request; other processes learn of it by NOTIFY.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    public static final String SESSION_COOKIE = "kappa_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** State-changing requests that never change a user, token or session, so need not clear the cache. */
    private static final Pattern KEEPS_ACCOUNTS = Pattern.compile(
            "/api/projects/[^/]+/tasks/next|/api/leases/[^/]+/(answer|skip|release)|/api/auth/login");

    private final Db db;
    private final PrincipalCache cache;

    public AuthHandler(Db db) {
        this(db, PrincipalCache.off());
    }

    public AuthHandler(Db db, PrincipalCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!SAFE.contains(ctx.request().method()) && !KEEPS_ACCOUNTS.matcher(ctx.normalizedPath()).matches()) {
            ctx.addHeadersEndHandler(v -> cache.clear());
        }
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
        Optional<Principal> cached = cache.get(hash, !bearer);
        if (cached.isPresent()) {
            proceed(ctx, cached.get());
            return;
        }
        long generation = cache.generation();
        db.read(q -> {
            if (bearer) {
                Optional<Principal> p = AuthRepository.byToken(q, hash);
                p.ifPresent(found -> cache.put(hash, false, found, null, generation));
                return p;
            }
            Optional<AuthRepository.SessionPrincipal> s = AuthRepository.bySession(q, hash);
            s.ifPresent(found -> cache.put(hash, true, found.principal(), found.expiresAt(), generation));
            return s.map(AuthRepository.SessionPrincipal::principal);
        }).onComplete(ar -> {
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
            proceed(ctx, principal.get());
        });
    }

    private void proceed(RoutingContext ctx, Principal p) {
        if (p.viaSession() && !SAFE.contains(ctx.request().method())
                && !p.csrfToken().equals(ctx.request().getHeader(CSRF_HEADER))) {
            ctx.fail(Problems.forbidden("A state-changing request from a browser session needs the " + CSRF_HEADER + " header"));
            return;
        }
        ctx.put(Access.KEY, p);
        ctx.next();
    }
}
