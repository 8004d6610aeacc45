package dev.kappa.http;

import io.vertx.ext.web.RoutingContext;

/** Headers on every response: no inline script, no sniffing, no framing. */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
