package dev.kappa.support;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check itself can fail: wrong types, missing and undocumented fields, undocumented statuses. */
class ResponseContractTest {
    private static final String JSON = "application/json";
    private static final String PROGRESS = "{\"project_id\":1,\"items\":3,\"items_escalated\":0,\"gold_items\":0,"
            + "\"items_with_extra_votes\":0,\"extra_crowd_slots\":0,\"tiers\":{\"crowd\":%s,\"expert\":%s}}";
    private static final String TIER = "{\"items_complete\":0,\"items_in_progress\":0,\"items_not_started\":3,"
            + "\"answers\":0,\"answers_today\":0,\"median_seconds_per_answer\":%s}";

    private static List<ResponseContract.Mismatch> check(String method, String path, int status, String type, String body) {
        try {
            ResponseContract.check(method, URI.create("http://127.0.0.1" + path), status, type, body);
        } catch (AssertionError e) {
            // the mismatches are also recorded; drained below, so that this class's end check stays clean
        }
        return ResponseContract.drain();
    }

    @Test
    @DisplayName("a documented answer passes, with nullable fields null or set and the path template matched")
    void documentedAnswerPasses() {
        String body = PROGRESS.formatted(TIER.formatted("null"), TIER.formatted("2.5"));
        assertEquals(List.of(), check("GET", "/api/projects/17/progress?x=1", 200, JSON + "; charset=utf-8", body));
        assertEquals(List.of(), check("GET", "/health", 200, JSON, "{\"status\":\"up\"}"));
        assertEquals(List.of(), check("DELETE", "/api/tokens/3", 204, null, ""));
        assertEquals(List.of(), check("GET", "/", 200, "text/html", "<html></html>"), "non-JSON answers are not parsed");
    }

    @Test
    @DisplayName("a wrong type, a missing required field and an undocumented field each fail with their JSON pointer")
    void wrongAnswersFail() {
        List<ResponseContract.Mismatch> wrongType = check("GET", "/health", 200, JSON, "{\"status\":1}");
        assertTrue(wrongType.stream().anyMatch(m -> m.pointer().equals("/status")), wrongType.toString());
        List<ResponseContract.Mismatch> missing = check("GET", "/api/projects/17/progress", 200, JSON, "{\"project_id\":1}");
        assertTrue(!missing.isEmpty() && missing.get(0).operation().equals("GET /api/projects/{id}/progress"), missing.toString());
        String extra = PROGRESS.formatted(TIER.formatted("null").replace("}", ",\"surprise\":1}"), TIER.formatted("null"));
        List<ResponseContract.Mismatch> undocumented = check("GET", "/api/projects/17/progress", 200, JSON, extra);
        assertEquals(List.of("/tiers/crowd/surprise"), undocumented.stream().map(ResponseContract.Mismatch::pointer).toList());
        List<ResponseContract.Mismatch> notNullable = check("GET", "/api/projects/17/progress", 200, JSON,
                PROGRESS.formatted(TIER.formatted("null"), TIER.formatted("null")).replace("\"items\":3", "\"items\":null"));
        assertEquals(List.of("/items"), notNullable.stream().map(ResponseContract.Mismatch::pointer).distinct().toList());
    }

    @Test
    @DisplayName("an undocumented status or media type fails, and errors must be the documented Problem")
    void undocumentedStatusesFail() {
        assertEquals(1, check("GET", "/health", 500, "application/problem+json",
                "{\"type\":\"t\",\"title\":\"x\",\"status\":500,\"detail\":\"d\"}").size());
        assertEquals(1, check("GET", "/health", 200, "text/csv", "a,b").size());
        assertEquals(List.of(), check("GET", "/no/such/path", 404, "application/problem+json",
                "{\"type\":\"t\",\"title\":\"x\",\"status\":404,\"detail\":\"d\"}"));
        assertEquals(1, check("GET", "/no/such/path", 404, "application/problem+json", "{\"title\":\"x\",\"status\":404,\"detail\":\"d\"}").size());
        org.junit.jupiter.api.Assumptions.assumeFalse("collect".equals(System.getProperty("kappa.contract")), "collect mode does not throw");
        AssertionError e = assertThrows(AssertionError.class, () -> ResponseContract.check("GET", URI.create("http://h/health"), 200, JSON, "{\"status\":2}"));
        assertTrue(e.getMessage().contains("GET /health -> 200 at '/status'"), e.getMessage());
        ResponseContract.drain();
    }
}
