package dev.kappa.http;

import dev.kappa.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Problem documents written from the ProblemBody record are the bytes ProblemHandler's JsonObjects (before issue 16, kept here) were. */
class ProblemBodyTest {
    @Test
    @DisplayName("with and without field, errors (with and without line) and extension members; the decoder's bare form")
    void sameBytes() {
        List<ApiException> cases = List.of(
                new ApiException(422, "invalid", "Invalid", "label: must be one of [\"a\"] \u00e9 \u0001", "label", List.of()),
                new ApiException(400, "bad-request", "Bad request", null, null, List.of()),
                new ApiException(422, "invalid", "Invalid", "3 bad lines", "data", List.of(new ApiException.Violation("data", "not JSON", 3L),
                        new ApiException.Violation("gold", "unknown label"), new ApiException.Violation(null, null, 9_000_000_000L)))
                        .with("errors_cap", 100).with("bad_lines", 3L).with("bad_lines_complete", true));
        for (ApiException e : cases) {
            for (String instance : Arrays.asList("/api/projects/1/items", "/caf\u00e9 \"x\"")) {
                ProblemBody after = new ProblemBody(ProblemHandler.TYPE_PREFIX + e.slug(), e.title(), e.status(), e.getMessage(), instance,
                        e.field(), ProblemBody.errors(e), e.extensions());
                assertEquals(before(e, instance).encode(), RecordJson.encode(after));
            }
        }
        assertEquals(new JsonObject().put("type", ProblemHandler.TYPE_PREFIX + "uri-too-long").put("title", "URI too long").put("status", 414)
                        .put("detail", "The request line exceeds the server's limit").encode(),
                RecordJson.encode(new ProblemBody(ProblemHandler.TYPE_PREFIX + "uri-too-long", "URI too long", 414,
                        "The request line exceeds the server's limit", null, null, null, Map.of())));
    }

    /** {@code ProblemHandler.send} before issue 16. */
    static JsonObject before(ApiException e, String instance) {
        JsonArray errors = null;
        if (!e.violations().isEmpty()) {
            errors = new JsonArray();
            for (ApiException.Violation v : e.violations()) {
                JsonObject o = new JsonObject().put("field", v.field()).put("reason", v.reason());
                if (v.line() != null) {
                    o.put("line", v.line());
                }
                errors.add(o);
            }
        }
        JsonObject body = new JsonObject()
                .put("type", ProblemHandler.TYPE_PREFIX + e.slug())
                .put("title", e.title())
                .put("status", e.status())
                .put("detail", e.getMessage())
                .put("instance", instance);
        if (e.field() != null) {
            body.put("field", e.field());
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        e.extensions().forEach(body::put);
        return body;
    }
}
