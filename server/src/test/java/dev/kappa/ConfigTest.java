package dev.kappa;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    @Test
    @DisplayName("defaults: port 8080, embedded database in ./kappa-data")
    void defaults() {
        AppConfig c = AppConfig.fromEnv(Map.of());
        assertEquals(8080, c.httpPort());
        assertTrue(c.embedded());
        assertTrue(c.dataDir().endsWith("kappa-data"));
    }

    @Test
    @DisplayName("a bad value stops the start with one line naming the variable")
    void badValuesNameTheVariable() {
        assertMessage(Map.of("KAPPA_HTTP_PORT", "eighty"), "KAPPA_HTTP_PORT must be a whole number, got 'eighty'");
        assertMessage(Map.of("KAPPA_HTTP_PORT", "70000"), "KAPPA_HTTP_PORT must be between 0 and 65535, got 70000");
        assertMessage(Map.of("KAPPA_DB_POOL_SIZE", "0"), "KAPPA_DB_POOL_SIZE must be between 1 and 500, got 0");
        assertMessage(Map.of("KAPPA_DATABASE_URL", "mysql://x/y"), "KAPPA_DATABASE_URL must start with jdbc:postgresql: or postgres://, got 'mysql://x/y'");
        assertMessage(Map.of("KAPPA_COOKIE_SECURE", "maybe"), "KAPPA_COOKIE_SECURE must be true or false, got 'maybe'");
    }

    @Test
    @DisplayName("a libpq-style URL is accepted and turned into JDBC")
    void libpqUrl() {
        AppConfig c = AppConfig.fromEnv(Map.of("KAPPA_DATABASE_URL", "postgres://db:5432/kappa"));
        assertFalse(c.embedded());
        assertEquals("jdbc:postgresql://db:5432/kappa", c.databaseUrl().orElseThrow());
    }

    @Test
    @DisplayName("an unreachable external database fails the start quickly instead of hanging")
    void unreachableDatabaseFailsFast() {
        AppConfig c = AppConfig.fromEnv(Map.of("KAPPA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing",
                "KAPPA_HTTP_PORT", "0", "KAPPA_DB_CONNECT_TIMEOUT_MS", "500"));
        long t0 = System.nanoTime();
        assertThrows(Exception.class, () -> Kappa.start(c).close());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "start should fail within the connect timeout");
    }

    private static void assertMessage(Map<String, String> env, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.fromEnv(env));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
