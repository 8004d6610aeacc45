package dev.kappa;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObservabilityConfigTest {
    @Test
    @DisplayName("defaults: one HTTP listener per core, plain logs, /metrics for loopback only, no token")
    void defaults() {
        AppConfig c = AppConfig.fromEnv(Map.of());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.httpInstances());
        assertEquals("plain", c.logFormat());
        assertEquals("127.0.0.1,::1", c.metricsAllow());
        assertEquals(Optional.empty(), c.metricsToken());
        assertEquals("", AppConfig.fromEnv(Map.of("KAPPA_METRICS_ALLOW", "none")).metricsAllow());
        assertEquals("json", AppConfig.fromEnv(Map.of("KAPPA_LOG_FORMAT", "JSON")).logFormat());
    }

    @Test
    @DisplayName("a bad setting stops the start naming the variable")
    void badValuesNameTheVariable() {
        assertMessage(Map.of("KAPPA_HTTP_INSTANCES", "0"), "KAPPA_HTTP_INSTANCES must be between 1 and 256, got 0");
        assertMessage(Map.of("KAPPA_LOG_FORMAT", "xml"), "KAPPA_LOG_FORMAT must be one of plain, json, got 'xml'");
        assertMessage(Map.of("KAPPA_METRICS_ALLOW", "prometheus.local"), "KAPPA_METRICS_ALLOW: 'prometheus.local' is not an IP address or CIDR range");
        assertMessage(Map.of("KAPPA_METRICS_TOKEN", "short"), "KAPPA_METRICS_TOKEN must be at least 24 characters");
    }

    private static void assertMessage(Map<String, String> env, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> AppConfig.fromEnv(env)).getMessage());
    }
}
