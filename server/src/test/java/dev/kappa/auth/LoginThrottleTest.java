package dev.kappa.auth;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for issue 15, defects 5 and 6. The test talks to the server from 127.0.0.1, which it lists as a
 * trusted proxy, so that X-Forwarded-For can play clients at different addresses.
 */
class LoginThrottleTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_LOGIN_MAX_FAILURES", "5", "KAPPA_LOGIN_MAX_FAILURES_PER_ADDRESS", "8",
            "KAPPA_TRUSTED_PROXIES", "127.0.0.1, ::1"));
    static TestServer untrusting;

    @BeforeAll
    static void startUntrusting() {
        untrusting = TestServer.onDatabase(server.databaseUrl(), Map.of("KAPPA_LOGIN_MAX_FAILURES", "5", "KAPPA_LOGIN_MAX_FAILURES_PER_ADDRESS", "8"));
    }

    @AfterAll
    static void stopUntrusting() {
        untrusting.close();
    }

    private static Http.Response login(TestServer s, String from, String cookie, String email, String password) {
        Http h = s.http();
        if (from != null) {
            h = h.with("X-Forwarded-For", from);
        }
        if (cookie != null) {
            h = h.with("Cookie", cookie);
        }
        return h.post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
    }

    private static String deviceCookie(Http.Response r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("kappa_device=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow(() -> new AssertionError("no device cookie: " + r.headers()));
    }

    @Test
    @DisplayName("defect 5: 20 parallel wrong guesses get exactly 5 password checks (401), the rest 429 with Retry-After")
    void throttleCountsBeforeThePasswordCheck() throws Exception {
        Users.Created u = server.user("annotator", "crowd");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Http.Response>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                guesses.add(CompletableFuture.supplyAsync(() -> login(server, "203.0.113.5", null, u.email(), "wrong-guess"), pool));
            }
            List<Http.Response> rs = guesses.stream().map(CompletableFuture::join).toList();
            assertEquals(5, rs.stream().filter(r -> r.status() == 401).count(), rs.toString());
            assertEquals(15, rs.stream().filter(r -> r.status() == 429).count(), rs.toString());
            Http.Response throttled = rs.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
            assertEquals("application/problem+json", throttled.header("Content-Type"));
            assertNotNull(throttled.header("Retry-After"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("defect 6: a stranger's failures do not lock the owner's known address or browser out; strangers are throttled")
    void ownerStillGetsIn() {
        Users.Created owner = server.user("engineer", null);
        Http.Response first = login(server, "198.51.100.7", null, owner.email(), owner.password());
        assertEquals(200, first.status(), first.body());
        String device = deviceCookie(first);

        for (int i = 0; i < 12; i++) {
            login(server, "203.0.113.66", null, owner.email(), "guess-" + i);
        }
        assertEquals(429, login(server, "203.0.113.66", null, owner.email(), owner.password()).status(),
                "the attacker's own pair is throttled, even with the right password");
        assertEquals(429, login(server, "203.0.113.67", null, owner.email(), "another-guess").status(),
                "a new stranger on the attacked account waits too");
        assertEquals(200, login(server, "198.51.100.7", null, owner.email(), owner.password()).status(),
                "the owner's known address still gets in");
        assertEquals(200, login(server, "192.0.2.99", device, owner.email(), owner.password()).status(),
                "the owner's known browser gets in from a new address");
    }

    @Test
    @DisplayName("defect 6: failures from one address slow strangers there, but not an account's known browser behind the same address")
    void sharedAddressIsNotLockedForKnownBrowsers() {
        Users.Created colleague = server.user("annotator", "crowd");
        Http.Response first = login(server, "192.0.2.10", null, colleague.email(), colleague.password());
        assertEquals(200, first.status(), first.body());
        String device = deviceCookie(first);
        for (int i = 0; i < 10; i++) {
            login(server, "192.0.2.200", null, "nobody" + i + "@kappa.test", "guess");
        }
        Http.Response stranger = login(server, "192.0.2.200", null, "nobody-else@kappa.test", "guess");
        assertEquals(429, stranger.status(), "the address spraying accounts is slowed: " + stranger);
        assertEquals(200, login(server, "192.0.2.200", device, colleague.email(), colleague.password()).status(),
                "a known browser behind the same address still gets in");
    }

    @Test
    @DisplayName("defect 6: X-Forwarded-For is ignored unless the peer is a trusted proxy")
    void forwardedForOnlyFromTrustedProxies() {
        // The same spray of 10 unknown accounts, each attempt claiming another address. A server that trusts no proxy
        // counts them all against the real peer (8 allowed); behind a trusted proxy each address is its own.
        long untrusted401 = 0;
        long trusted401 = 0;
        for (int i = 0; i < 10; i++) {
            untrusted401 += login(untrusting, "203.0.113." + (100 + i), null, "spray" + i + "@kappa.test", "guess").status() == 401 ? 1 : 0;
            trusted401 += login(server, "198.18.0." + (100 + i), null, "spray" + i + "@kappa.test", "guess").status() == 401 ? 1 : 0;
        }
        assertEquals(8, untrusted401, "forged X-Forwarded-For buys no fresh allowance from an untrusted peer");
        assertEquals(10, trusted401, "a trusted proxy's X-Forwarded-For names the client");
    }
}
