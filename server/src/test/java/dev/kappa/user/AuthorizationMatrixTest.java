package dev.kappa.user;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each account endpoint, for each role and for anonymous callers: the expected status. */
class AuthorizationMatrixTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Map<String, Http> as;
    static long someUserId;
    static long engineerTokenId;

    @BeforeAll
    static void setUp() {
        Users.Created engineer = server.engineer();
        Users.Created annotator = server.user("annotator", "crowd");
        someUserId = server.user("annotator", "expert").id();
        as = Map.of("admin", server.admin(), "engineer", engineer.http(), "annotator", annotator.http(), "anonymous", server.http());
        engineerTokenId = engineer.http().post("/api/tokens", new JsonObject().put("name", "spare")).json().getLong("id");
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET, /api/me, admin, 200", "GET, /api/me, engineer, 200", "GET, /api/me, annotator, 200", "GET, /api/me, anonymous, 401",
            "GET, /api/users, admin, 200", "GET, /api/users, engineer, 403", "GET, /api/users, annotator, 403", "GET, /api/users, anonymous, 401",
            "POST, /api/users, admin, 201", "POST, /api/users, engineer, 403", "POST, /api/users, annotator, 403", "POST, /api/users, anonymous, 401",
            "PATCH, /api/users/{user}, admin, 200", "PATCH, /api/users/{user}, engineer, 403", "PATCH, /api/users/{user}, annotator, 403", "PATCH, /api/users/{user}, anonymous, 401",
            "POST, /api/tokens, admin, 201", "POST, /api/tokens, engineer, 201", "POST, /api/tokens, annotator, 403", "POST, /api/tokens, anonymous, 401",
            "GET, /api/tokens, admin, 200", "GET, /api/tokens, engineer, 200", "GET, /api/tokens, annotator, 403", "GET, /api/tokens, anonymous, 401",
            "DELETE, /api/tokens/{token}, annotator, 403", "DELETE, /api/tokens/{token}, anonymous, 401", "DELETE, /api/tokens/{token}, engineer, 204",
            "POST, /api/users/{user}/tokens, admin, 201", "POST, /api/users/{user}/tokens, engineer, 403", "POST, /api/users/{user}/tokens, annotator, 403", "POST, /api/users/{user}/tokens, anonymous, 401",
            "POST, /api/auth/logout, admin, 204", "POST, /api/auth/logout, anonymous, 401",
    })
    void matrix(String method, String path, String who, int expected) {
        String p = path.replace("{user}", String.valueOf(someUserId)).replace("{token}", String.valueOf(engineerTokenId));
        Http http = as.get(who);
        Http.Response r = switch (method) {
            case "GET" -> http.get(p);
            case "DELETE" -> http.delete(p);
            case "PATCH" -> http.patch(p, new JsonObject().put("status", "active"));
            default -> http.post(p, bodyFor(p));
        };
        assertEquals(expected, r.status(), method + " " + p + " as " + who + ": " + r.body());
        if (expected >= 400) {
            assertEquals("application/problem+json", r.header("Content-Type"));
        }
    }

    private static JsonObject bodyFor(String path) {
        if (path.equals("/api/users")) {
            return new JsonObject().put("email", "m" + System.nanoTime() + "@kappa.test").put("password", "long-enough-pw")
                    .put("role", "annotator").put("tier", "crowd");
        }
        return new JsonObject().put("name", "t");
    }
}
