package dev.kappa.support;

import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test users made through the real API: admin creates the user, then issues them a token. */
public final class Users {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The user's id and email, and a client that sends their bearer token. */
    public record Created(long id, String email, String password, Http http) {
    }

    private Users() {
    }

    public static Created create(TestServer server, String role, String tier) {
        String email = role + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@kappa.test";
        String password = "password-" + UUID.randomUUID();
        JsonObject body = new JsonObject().put("email", email).put("role", role).put("password", password)
                .put("display_name", role + " " + SEQ.get());
        if (tier != null) {
            body.put("tier", tier);
        }
        Http admin = server.admin();
        Http.Response created = admin.post("/api/users", body);
        if (created.status() != 201) {
            throw new IllegalStateException("could not create user: " + created);
        }
        long id = created.json().getLong("id");
        Http.Response token = admin.post("/api/users/" + id + "/tokens", new JsonObject().put("name", "test"));
        if (token.status() != 201) {
            throw new IllegalStateException("could not create token: " + token);
        }
        return new Created(id, email, password, server.http().bearer(token.json().getString("token")));
    }
}
