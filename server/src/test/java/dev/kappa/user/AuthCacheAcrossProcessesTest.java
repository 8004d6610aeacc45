package dev.kappa.user;

import dev.kappa.support.Http;
import dev.kappa.support.ServerProcess;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each process caches the principals its tokens and sessions resolve to (issue 18). A change made through one process
 * must take effect in another whose cache holds the old principal, by NOTIFY, long before the cache's own expiry
 * (10 minutes here); and a change that notifies no one (triggers off) is still bounded by that expiry.
 */
class AuthCacheAcrossProcessesTest {
    static TestServer first;
    static ServerProcess second;
    static ServerProcess shortLived;

    @BeforeAll
    static void start() throws Exception {
        first = TestServer.start(Map.of("KAPPA_AUTH_CACHE_SECONDS", "600"));
        second = ServerProcess.start(first.databaseUrl(), Map.of("KAPPA_AUTH_CACHE_SECONDS", "600"));
        shortLived = ServerProcess.start(first.databaseUrl(), Map.of("KAPPA_AUTH_CACHE_SECONDS", "5"));
    }

    @AfterAll
    static void stop() throws Exception {
        shortLived.close();
        second.close();
        first.close();
    }

    @Test
    @DisplayName("a token revoked through one process stops working in another that had it cached")
    void revocationReachesTheOtherProcess() {
        Users.Created u = first.user("engineer", null);
        JsonObject t = u.http().post("/api/tokens", new JsonObject().put("name", "cached")).json();
        Http elsewhere = new Http(second.port()).bearer(t.getString("token"));
        assertEquals(200, elsewhere.get("/api/me").status());
        assertEquals(200, elsewhere.get("/api/me").status(), "served from the cache");
        assertEquals(204, u.http().delete("/api/tokens/" + t.getLong("id")).status());
        assertSoon(() -> elsewhere.get("/api/me").status() == 401, "revoked token still accepted by the other process");
    }

    @Test
    @DisplayName("blocking, a tier change and logout through one process take effect in another at once")
    void blockTierAndLogoutReachTheOtherProcess() {
        Users.Created annotator = first.user("annotator", "crowd");
        Http elsewhere = new Http(second.port()).with("Authorization", bearerOf(annotator));
        assertEquals("crowd", elsewhere.get("/api/me").json().getString("tier"));
        assertEquals(200, first.admin().patch("/api/users/" + annotator.id(), new JsonObject().put("tier", "expert")).status());
        assertSoon(() -> "expert".equals(elsewhere.get("/api/me").json().getString("tier")), "the other process kept the old tier");
        assertEquals(200, first.admin().patch("/api/users/" + annotator.id(), new JsonObject().put("status", "blocked")).status());
        assertSoon(() -> elsewhere.get("/api/me").status() == 401, "blocked user still accepted by the other process");

        Users.Created engineer = first.user("engineer", null);
        Http.Response login = first.http().post("/api/auth/login", new JsonObject().put("email", engineer.email()).put("password", engineer.password()));
        assertEquals(200, login.status(), login.body());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("kappa_session=")).findFirst()
                .map(c -> Arrays.stream(c.split(";")).findFirst().orElseThrow()).orElseThrow();
        Http sessionElsewhere = new Http(second.port()).with("Cookie", cookie);
        assertEquals(200, sessionElsewhere.get("/api/me").status());
        assertEquals(204, first.http().with("Cookie", cookie).with("X-CSRF-Token", login.json().getString("csrf_token"))
                .post("/api/auth/logout", new JsonObject()).status());
        assertSoon(() -> sessionElsewhere.get("/api/me").status() == 401, "logged-out session still accepted by the other process");
    }

    @Test
    @DisplayName("a change no one is told of (triggers off) is cached at most KAPPA_AUTH_CACHE_SECONDS")
    void staleAtMostTheCacheLifetime() throws Exception {
        Users.Created u = first.user("engineer", null);
        JsonObject t = u.http().post("/api/tokens", new JsonObject().put("name", "unnotified")).json();
        Http cached = new Http(shortLived.port()).bearer(t.getString("token"));
        assertEquals(200, cached.get("/api/me").status());
        try (Connection c = TestDatabases.connect(first.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica"); // no triggers fire: no NOTIFY
            assertEquals(1, s.executeUpdate("UPDATE api_tokens SET revoked_at = now() WHERE id = " + t.getLong("id")));
        }
        assertEquals(200, cached.get("/api/me").status(), "the cache answered without asking the database");
        long t0 = System.nanoTime();
        assertSoon(() -> cached.get("/api/me").status() == 401, "revocation never took effect", 10);
        assertTrue((System.nanoTime() - t0) / 1e9 < 6, "stale for longer than the cache lifetime");
        assertEquals(401, new Http(first.port()).bearer(t.getString("token")).get("/api/me").status());
    }

    private static String bearerOf(Users.Created u) {
        JsonObject t = first.admin().post("/api/users/" + u.id() + "/tokens", new JsonObject().put("name", "x")).json();
        return "Bearer " + t.getString("token");
    }

    /** Within 2 s: a notification takes milliseconds; the cache's own lifetime here is 10 minutes. */
    private static void assertSoon(Supplier<Boolean> condition, String message) {
        assertSoon(condition, message, 2);
    }

    private static void assertSoon(Supplier<Boolean> condition, String message, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " after " + seconds + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
