package dev.kappa.user;

import dev.kappa.AppConfig;
import dev.kappa.Kappa;
import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstAdminTest {
    @Test
    @DisplayName("without KAPPA_ADMIN_PASSWORD the first start logs a one-time password once, and it logs in")
    void oneTimePasswordIsLoggedOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.kappa.user.FirstAdmin");
        logger.addHandler(capture);
        String url = TestDatabases.create();
        Map<String, String> env = Map.of("KAPPA_HTTP_PORT", "0", "KAPPA_HTTP_HOST", "127.0.0.1", "KAPPA_DATABASE_URL", url,
                "KAPPA_DATABASE_USER", TestDatabases.USER, "KAPPA_ADMIN_EMAIL", "root@kappa.test");
        try {
            try (Kappa k = Kappa.start(AppConfig.fromEnv(env))) {
                List<String> said = lines.stream().filter(l -> l.contains("one-time password")).toList();
                assertEquals(1, said.size(), lines.toString());
                Matcher m = Pattern.compile("one-time password (\\S+)").matcher(said.get(0));
                assertTrue(m.find());
                Http.Response login = new Http(k.port()).post("/api/auth/login", new JsonObject().put("email", "root@kappa.test").put("password", m.group(1)));
                assertEquals(200, login.status(), login.body());
                assertEquals("admin", login.json().getString("role"));
            }
            try (Kappa again = Kappa.start(AppConfig.fromEnv(env))) {
                assertEquals(1, lines.stream().filter(l -> l.contains("one-time password")).count(), "printed once only");
            }
        } finally {
            logger.removeHandler(capture);
            TestDatabases.drop(url);
        }
    }

    @Test
    @DisplayName("KAPPA_ADMIN_API_KEY becomes the first admin's token")
    void adminApiKey() throws Exception {
        String url = TestDatabases.create();
        String key = "deploy-key-0123456789abcdefgh";
        Map<String, String> env = Map.of("KAPPA_HTTP_PORT", "0", "KAPPA_HTTP_HOST", "127.0.0.1", "KAPPA_DATABASE_URL", url,
                "KAPPA_DATABASE_USER", TestDatabases.USER, "KAPPA_ADMIN_EMAIL", "ops@kappa.test", "KAPPA_ADMIN_PASSWORD", "ops-password-1",
                "KAPPA_ADMIN_API_KEY", key);
        try (Kappa k = Kappa.start(AppConfig.fromEnv(env))) {
            JsonObject me = new Http(k.port()).bearer(key).get("/api/me").json();
            assertEquals("ops@kappa.test", me.getString("email"));
            assertEquals("admin", me.getString("role"));
        } finally {
            TestDatabases.drop(url);
        }
    }
}
