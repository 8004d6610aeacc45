package dev.kappa.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small real-HTTP client for tests: every call goes over a socket to a running server, and every JSON answer is
 * checked against openapi.yaml ({@link ResponseContract}); a mismatch fails the test that made the call.
 */
public final class Http {
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray jsonArray() {
            return new JsonArray(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * HTTP/1.1 only. The JDK client's default first request on a connection is an h2c upgrade; when the server's
     * upgraded answer is large (openapi.yaml, 40 KB) the client can wait forever, ignoring its timeout (seen as a hang of
     * OpenApiCoverageTest after another test class; curl --http2 fails on the same answer). Kappa's clients do not need it.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A copy of this client that sends one more header on every request (for example a bearer token). */
    public Http with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Http(base, more);
    }

    private Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers.putAll(headers);
    }

    public Http bearer(String token) {
        return with("Authorization", "Bearer " + token);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, JsonObject body) {
        return post(path, body.encode(), "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response patch(String path, JsonObject body) {
        return send(builder(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder b = builder(path).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        return b;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            ResponseContract.check(built.method(), built.uri(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
