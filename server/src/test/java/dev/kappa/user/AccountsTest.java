package dev.kappa.user;

import dev.kappa.auth.Secrets;
import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(java.util.Map.of("KAPPA_LOGIN_MAX_FAILURES", "3"));

    @Test
    @DisplayName("passwords are stored as bcrypt hashes and tokens as SHA-256, never in clear")
    void secretsAreStoredHashed() throws Exception {
        Users.Created u = server.user("engineer", null);
        Http.Response t = u.http().post("/api/tokens", new JsonObject().put("name", "ci"));
        assertEquals(201, t.status(), t.body());
        String token = t.json().getString("token");
        try (Connection c = TestDatabases.connect(server.databaseUrl())) {
            PreparedStatement ps = c.prepareStatement("select password_hash from users where id = ?");
            ps.setLong(1, u.id());
            ResultSet rs = ps.executeQuery();
            rs.next();
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$2a$10$") || hash.startsWith("$2b$10$") || hash.startsWith("$2y$10$"), hash);
            assertFalse(hash.contains(u.password()));
            ps = c.prepareStatement("select token_hash, prefix from api_tokens where id = ?");
            ps.setLong(1, t.json().getLong("id"));
            rs = ps.executeQuery();
            rs.next();
            assertArrayEquals(Secrets.sha256(token), rs.getBytes(1));
            assertTrue(token.startsWith(rs.getString(2)) && rs.getString(2).length() < token.length() / 2);
            ResultSet all = c.createStatement().executeQuery("select * from api_tokens");
            while (all.next()) {
                for (int i = 1; i <= all.getMetaData().getColumnCount(); i++) {
                    Object v = all.getObject(i);
                    assertFalse(v != null && v.toString().contains(token), "the clear token must not be stored");
                }
            }
        }
        assertEquals(200, server.http().bearer(token).get("/api/me").status());
        assertFalse(u.http().get("/api/tokens").body().contains(token), "a token is shown once only");
    }

    @Test
    @DisplayName("a revoked token stops working on the very next request")
    void revokedTokenStops() {
        Users.Created u = server.user("engineer", null);
        JsonObject t = u.http().post("/api/tokens", new JsonObject().put("name", "short-lived")).json();
        Http holder = server.http().bearer(t.getString("token"));
        assertEquals(200, holder.get("/api/me").status());
        assertEquals(204, u.http().delete("/api/tokens/" + t.getLong("id")).status());
        assertEquals(401, holder.get("/api/me").status());
        assertEquals(404, server.user("engineer", null).http().delete("/api/tokens/" + t.getLong("id")).status(),
                "someone else's token is not found");
    }

    @Test
    @DisplayName("blocking a user stops their tokens and ends their sessions at once; pausing does not log them out")
    void blockedUserStops() {
        Users.Created u = server.user("annotator", "crowd");
        Session s = login(u.email(), u.password());
        assertEquals(200, s.http.get("/api/me").status());
        assertEquals("paused", server.admin().patch("/api/users/" + u.id(), new JsonObject().put("status", "paused")).json().getString("status"));
        assertEquals(200, u.http().get("/api/me").status());
        assertEquals(200, server.admin().patch("/api/users/" + u.id(), new JsonObject().put("status", "blocked")).status());
        assertEquals(401, u.http().get("/api/me").status());
        assertEquals(401, s.http.get("/api/me").status());
        assertEquals(401, server.http().post("/api/auth/login", new JsonObject().put("email", u.email()).put("password", u.password())).status());
    }

    @Test
    @DisplayName("repeated failed logins are throttled per account, even with the right password afterwards")
    void loginThrottling() {
        Users.Created u = server.user("annotator", "crowd");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, server.http().post("/api/auth/login", new JsonObject().put("email", u.email()).put("password", "wrong-password")).status());
        }
        Http.Response r = server.http().post("/api/auth/login", new JsonObject().put("email", u.email()).put("password", u.password()));
        assertEquals(429, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
        Users.Created other = server.user("annotator", "crowd");
        assertEquals(200, server.http().post("/api/auth/login", new JsonObject().put("email", other.email()).put("password", other.password())).status(),
                "another account from the same address is not locked by it");
    }

    @Test
    @DisplayName("a session cookie is HttpOnly and SameSite=Lax; state-changing requests need the CSRF token, bearer requests do not")
    void csrfForSessionsOnly() {
        Users.Created u = server.user("engineer", null);
        Session s = login(u.email(), u.password());
        assertTrue(s.setCookie.toLowerCase().contains("; httponly"), s.setCookie);
        assertTrue(s.setCookie.contains("SameSite=Lax"), s.setCookie);
        Http.Response noToken = s.http.post("/api/tokens", new JsonObject().put("name", "x"));
        assertEquals(403, noToken.status(), noToken.body());
        assertEquals(201, s.http.with("X-CSRF-Token", s.csrf).post("/api/tokens", new JsonObject().put("name", "x")).status());
        assertEquals(403, s.http.with("X-CSRF-Token", "forged").post("/api/tokens", new JsonObject().put("name", "x")).status());
        assertEquals(201, u.http().post("/api/tokens", new JsonObject().put("name", "bearer")).status());
        assertEquals(200, s.http.get("/api/me").status(), "reads need no CSRF token");
        assertEquals(204, s.http.with("X-CSRF-Token", s.csrf).post("/api/auth/logout", new JsonObject()).status());
        assertEquals(401, s.http.get("/api/me").status(), "logout ends the session in the database");
    }

    @Test
    @DisplayName("/api/me tells identity, role and tier; an admin can change an annotator's tier")
    void meAndTier() {
        Users.Created u = server.user("annotator", "crowd");
        JsonObject me = u.http().get("/api/me").json();
        assertEquals("annotator", me.getString("role"));
        assertEquals("crowd", me.getString("tier"));
        assertEquals(u.email(), me.getString("email"));
        server.admin().patch("/api/users/" + u.id(), new JsonObject().put("tier", "expert"));
        assertEquals("expert", u.http().get("/api/me").json().getString("tier"));
    }

    @Test
    @DisplayName("bad input names the field: malformed email, short password, duplicate email, unknown role or tier, tier on a non-annotator")
    void badInputNamesTheField() {
        Http admin = server.admin();
        assertField(admin.post("/api/users", user("not-an-email", "long-enough-pw", "annotator", "crowd")), 422, "email");
        assertField(admin.post("/api/users", user("a@b.co", "short", "annotator", "crowd")), 422, "password");
        assertField(admin.post("/api/users", user("a@b.co", "long-enough-pw", "wizard", "crowd")), 422, "role");
        assertField(admin.post("/api/users", user("a@b.co", "long-enough-pw", "annotator", "gold")), 422, "tier");
        assertField(admin.post("/api/users", user("a@b.co", "long-enough-pw", "annotator", null)), 422, "tier");
        assertField(admin.post("/api/users", user("a@b.co", "long-enough-pw", "engineer", "crowd")), 422, "tier");
        assertEquals(201, admin.post("/api/users", user("Dup@Kappa.test", "long-enough-pw", "engineer", null)).status());
        assertField(admin.post("/api/users", user("dup@kappa.TEST", "long-enough-pw", "engineer", null)), 409, "email");
        assertField(admin.patch("/api/users/1", new JsonObject().put("status", "gone")), 422, "status");
        assertEquals(404, admin.patch("/api/users/999999", new JsonObject().put("status", "active")).status());
        assertField(server.http().post("/api/auth/login", new JsonObject().put("email", "x@y.z")), 422, "password");
    }

    @Test
    @DisplayName("an external worker has an external id and no email or password")
    void externalWorker() {
        Http.Response r = server.admin().post("/api/users", new JsonObject().put("external_id", "mturk-A1B2").put("role", "annotator").put("tier", "crowd"));
        assertEquals(201, r.status(), r.body());
        assertEquals("mturk-A1B2", r.json().getString("external_id"));
        assertFalse(r.json().getBoolean("has_password"));
        assertEquals(409, server.admin().post("/api/users", new JsonObject().put("external_id", "mturk-A1B2").put("role", "annotator").put("tier", "crowd")).status());
    }

    private static JsonObject user(String email, String password, String role, String tier) {
        JsonObject o = new JsonObject().put("email", email).put("password", password).put("role", role);
        return tier == null ? o : o.put("tier", tier);
    }

    private static void assertField(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals(field, r.json().getString("field"), r.body());
        assertNotNull(r.json().getString("detail"));
    }

    record Session(Http http, String csrf, String setCookie) {
    }

    static Session login(String email, String password) {
        Http.Response r = server.http().post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
        assertEquals(200, r.status(), r.body());
        // Login also sets the browser's device cookie (kappa_device): pick the session's.
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("kappa_session=")).findFirst().orElseThrow();
        String cookie = Arrays.stream(setCookie.split(";")).findFirst().orElseThrow();
        return new Session(server.http().with("Cookie", cookie), r.json().getString("csrf_token"), setCookie);
    }
}
