package dev.kappa.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server's Prometheus registry: Vert.x's HTTP server and worker-pool meters, HikariCP's pool, the JVM, and
 * Kappa's own counters ({@link Metrics}). Every meter is listed in docs/metrics.md.
 */
public final class Telemetry implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();

    /** Latency histogram buckets of every timer: 13 series per timer, enough for SLOs from 5 ms to 10 s. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    /** Vert.x keeps its registries in a static map by name: each server of a process (tests) needs its own name. */
    private final String name;

    private Telemetry(PrometheusMeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    public static Telemetry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_ROUTE.toString(), Telemetry::template));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER) {
                    return config;
                }
                double[] slo = new double[BUCKETS.length];
                for (int i = 0; i < slo.length; i++) {
                    slo[i] = BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slo).build().merge(config);
            }
        });
        Telemetry t = new Telemetry(registry, "kappa-" + SERVERS.incrementAndGet());
        Metrics.add(registry);
        return t;
    }

    /**
     * Vert.x Web reports every matched route of a request, joined by '>': the cross-cutting "/api/*" handlers, then
     * the route that answered. The last one is the route template (never a raw path), so the label stays bounded.
     */
    static String template(String routes) {
        String last = routes.substring(routes.lastIndexOf('>') + 1);
        return last.isEmpty() ? "none" : last;
    }

    /** A Vert.x instance whose HTTP server and worker pools report to this registry. */
    public Vertx vertx(VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(name)
                .setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
        return Vertx.builder().with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    /** For HikariCP's own pool meters (connections active, idle, pending; acquire, usage and creation times). */
    public MetricsTrackerFactory hikari() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        Metrics.remove(registry);
        BackendRegistries.stop(name);
        registry.close();
    }
}
