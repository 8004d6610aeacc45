package dev.kappa.metrics;

import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * GET /metrics in Prometheus' text format, for a scraper at an address of KAPPA_METRICS_ALLOW or one that sends
 * KAPPA_METRICS_TOKEN as a bearer token; anyone else gets 403. A request relayed by a proxy (it carries
 * X-Forwarded-For or Forwarded) is judged by the client address a trusted proxy (KAPPA_TRUSTED_PROXIES) vouches for,
 * never by the proxy's own address: a reverse proxy on the same host must not open the metrics to the world.
 */
public final class MetricsRoutes implements ApiRouter.Routes {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Telemetry telemetry;
    private final TrustedProxies allowed;
    private final TrustedProxies proxies;
    private final Optional<byte[]> token;

    public MetricsRoutes(Telemetry telemetry, String allowed, Optional<String> token, String trustedProxies) {
        this.telemetry = telemetry;
        this.allowed = TrustedProxies.parse(allowed);
        this.proxies = TrustedProxies.parse(trustedProxies);
        this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getMetrics", this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (!permitted(ctx.request())) {
            ctx.fail(Problems.forbidden("/metrics answers only the addresses in KAPPA_METRICS_ALLOW, or a caller sending"
                    + " KAPPA_METRICS_TOKEN as a bearer token"));
            return;
        }
        ctx.response().putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store").end(telemetry.scrape());
    }

    boolean permitted(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        if (token.isPresent() && auth != null && MessageDigest.isEqual(token.get(), auth.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().host();
        boolean relayed = req.headers().contains("X-Forwarded-For") || req.headers().contains("Forwarded");
        if (!relayed) {
            return peer != null && allowed.trusts(peer);
        }
        return peer != null && proxies.trusts(peer) && allowed.trusts(proxies.clientAddress(req));
    }
}
