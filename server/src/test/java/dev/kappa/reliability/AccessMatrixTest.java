package dev.kappa.reliability;

import dev.kappa.support.Http;
import dev.kappa.support.OpenApiOperations;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of openapi.yaml × every kind of caller (issue 15), against the table below. The project in
 * question is managed by "manager" and labeled by "member"; "other" is an engineer of another team.
 *
 * <p>Cells: {@code ok} = the caller gets past access control (2xx, or 400/409/422 about the input itself);
 * {@code 401}, {@code 403}, {@code 404} = denied with exactly that status (404 for a project or lease that is not the
 * caller's, so ids never leak); {@code *} = anything but a 5xx (login, which answers everyone alike).
 *
 * <p>As found when the branches of 2026-11-30 were merged (kept here so that a change is seen): baseline-study
 * operations check the caller's role before the project, so a non-member annotator gets 403 there, not 404; and a
 * study's body is validated before access, so another team's engineer gets 422 for an invalid body instead of 404.
 *
 * <p>{@code /metrics} is opened by the caller's address or a metrics token, never by role: every caller here comes from
 * 127.0.0.1, which the default allows (observe/MetricsTest checks the refusals).
 *
 * <p>ADDING AN OPERATION TO openapi.yaml? Add its row to {@link #TABLE}: the test fails until every documented
 * operation has one, and fails on rows for operations that are no longer documented.
 */
class AccessMatrixTest {
    static final List<String> ROLES = List.of("anonymous", "member", "nonmember", "manager", "other", "admin");

    /** METHOD path | anonymous member nonmember manager other admin | body (JSON or NDJSON; - for none). */
    static final String TABLE = """
            GET /                                          | ok  ok  ok  ok  ok  ok  | -
            GET /health                                    | ok  ok  ok  ok  ok  ok  | -
            GET /ready                                     | ok  ok  ok  ok  ok  ok  | -
            GET /openapi.yaml                              | ok  ok  ok  ok  ok  ok  | -
            GET /docs                                      | *   *   *   *   *   *   | -
            GET /docs/                                     | ok  ok  ok  ok  ok  ok  | -
            GET /metrics                                   | ok  ok  ok  ok  ok  ok  | -
            POST /api/auth/login                           | *   *   *   *   *   *   | {"email": "nobody@kappa.test", "password": "wrong"}
            POST /api/auth/logout                          | 401 ok  ok  ok  ok  ok  | -
            GET /api/me                                    | 401 ok  ok  ok  ok  ok  | -
            POST /api/users                                | 401 403 403 403 403 ok  | {"external_id": "$unique", "role": "annotator", "tier": "crowd"}
            GET /api/users                                 | 401 403 403 403 403 ok  | -
            PATCH /api/users/{id}                          | 401 403 403 403 403 ok  | {"status": "active"}
            POST /api/users/{id}/tokens                    | 401 403 403 403 403 ok  | {"name": "t"}
            POST /api/tokens                               | 401 403 403 ok  ok  ok  | {"name": "t"}
            GET /api/tokens                                | 401 403 403 ok  ok  ok  | -
            DELETE /api/tokens/{id}                        | 401 403 403 404 404 404 | -
            POST /api/projects                             | 401 403 403 ok  ok  ok  | {"name": "p", "schema": {"kind": "single", "labels": [{"key": "a", "name": "A"}]}}
            GET /api/projects                              | 401 ok  ok  ok  ok  ok  | -
            GET /api/projects/{id}                         | 401 ok  404 ok  404 ok  | -
            PATCH /api/projects/{id}                       | 401 403 404 ok  404 ok  | {"instructions": "Label **tone**."}
            POST /api/projects/{id}/members                | 401 403 404 ok  404 ok  | {"user_id": $spare}
            GET /api/projects/{id}/members                 | 401 403 404 ok  404 ok  | -
            PATCH /api/projects/{id}/members/{userId}      | 401 403 404 ok  404 ok  | {"status": "active"}
            DELETE /api/projects/{id}/members/{userId}     | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/managers                | 401 403 404 ok  404 ok  | -
            POST /api/projects/{id}/managers               | 401 403 404 ok  404 ok  | {"user_id": $deputy}
            DELETE /api/projects/{id}/managers/{userId}    | 401 403 404 ok  404 ok  | -
            POST /api/projects/{id}/tasks/next             | 401 ok  404 403 404 403 | -
            POST /api/leases/{leaseId}/answer              | 401 ok  404 404 404 404 | {"label": "a", "duration_ms": 1000}
            DELETE /api/leases/{leaseId}/answer            | 401 ok  404 404 404 404 | -
            POST /api/leases/{leaseId}/skip                | 401 ok  404 404 404 404 | {"reason": "unclear"}
            POST /api/leases/{leaseId}/release             | 401 ok  404 404 404 404 | -
            GET /api/projects/{id}/progress                | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/my-progress             | 401 ok  404 403 404 403 | -
            POST /api/projects/{id}/items                  | 401 403 404 ok  404 ok  | {"external_id": "$unique", "data": {"text": "t"}}
            GET /api/projects/{id}/items                   | 401 403 404 ok  404 ok  | -
            POST /api/projects/{id}/predictions            | 401 403 404 ok  404 ok  | {"external_id": "x0", "label": "a", "score": 0.5}
            POST /api/projects/{id}/answers/import         | 401 403 404 ok  404 ok  | {"external_id": "x1", "annotator": "$unique", "label": "a"}
            GET /api/projects/{id}/export                  | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/agreement               | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/consensus               | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/annotators/quality      | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/quality-policy          | 401 403 404 ok  404 ok  | -
            PUT /api/projects/{id}/quality-policy          | 401 403 404 ok  404 ok  | {}
            GET /api/projects/{id}/baselines               | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/evaluation-policy       | 401 403 404 ok  404 ok  | -
            PUT /api/projects/{id}/evaluation-policy       | 401 403 404 ok  404 ok  | {"optimize": "macro_f1"}
            GET /api/projects/{id}/leaderboard             | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/hardness                | 401 403 404 ok  404 ok  | -
            PUT /api/projects/{id}/hardness                | 401 403 404 ok  404 ok  | {}
            POST /api/projects/{id}/hardness/recompute     | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/hard-cases              | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/hard-cases/export       | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/hard-cases/classes      | 401 403 404 ok  404 ok  | -
            DELETE /api/projects/{id}                      | 401 403 404 ok  404 ok  | ?confirm=not-its-name
            POST /api/projects/{id}/archive                | 401 403 404 ok  404 ok  | -
            POST /api/projects/{id}/restore                | 401 403 404 ok  404 ok  | -
            POST /api/markdown/preview                     | 401 403 403 ok  ok  ok  | {"markdown": "**b**"}
            GET /api/projects/{id}/throughput              | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/agreement/pairs         | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/agreement/pairs/disagreements | 401 403 404 ok  404 ok  | ?a=1&b=2
            GET /api/projects/{id}/consensus/items         | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/consensus/model         | 401 403 404 ok  404 ok  | -
            GET /api/projects/{id}/confusion               | 401 403 404 ok  404 ok  | ?tier=crowd
            GET /api/projects/{id}/baseline-studies        | 401 403 403 ok  404 ok  | -
            POST /api/projects/{id}/baseline-studies       | 401 403 403 ok  422 ok  | {}
            GET /api/projects/{id}/baseline-studies/{sid}  | 401 403 403 404 404 404 | -
            PATCH /api/projects/{id}/baseline-studies/{sid} | 401 403 403 404 404 404 | {"name": "n"}
            GET /api/projects/{id}/baseline-studies/{sid}/report | 401 403 403 404 404 404 | -
            GET /api/leases/{leaseId}/feedback             | 401 404 404 404 404 404 | -
            GET /api/sample-size                           | 401 ok  ok  ok  ok  ok  | ?metric=accuracy&expected=0.8&half_width=0.05
            GET /webjars/echarts/                          | *   *   *   *   *   *   | -
            """;

    record Row(String method, String path, List<String> expected, String body) {
    }

    static Map<String, Row> table() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] parts = line.split("\\|");
            String[] op = parts[0].trim().split("\\s+");
            List<String> cells = List.of(parts[1].trim().split("\\s+"));
            assertEquals(ROLES.size(), cells.size(), "row needs one cell per role " + ROLES + ": " + line);
            String body = parts[2].trim();
            rows.put(op[0] + " " + op[1], new Row(op[0], op[1], cells, body.equals("-") ? null : body));
        }
        return rows;
    }

    @Test
    @DisplayName("the table has exactly one row per documented operation")
    void tableCoversTheContract() {
        Set<String> documented = new TreeSet<>();
        OpenApiOperations.all().forEach(o -> documented.add(o.key()));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(table().keySet());
        Set<String> stale = new TreeSet<>(table().keySet());
        stale.removeAll(documented);
        assertTrue(missing.isEmpty(), "operations in openapi.yaml without a row in AccessMatrixTest.TABLE: " + missing
                + "\nEvery new operation needs a row saying what anonymous callers, a member annotator, a non-member annotator,"
                + " the project's manager, another engineer and an admin get (see the class comment for the cells).");
        assertTrue(stale.isEmpty(), "rows in AccessMatrixTest.TABLE for operations no longer in openapi.yaml: " + stale);
    }

    @Test
    @DisplayName("every operation × anonymous, member and non-member annotator, manager, other engineer, admin answers as the table says")
    void matrix() {
        try (TestServer server = TestServer.start()) {
            Users.Created manager = server.user("engineer", null);
            Users.Created other = server.user("engineer", null);
            Users.Created deputy = server.user("engineer", null);
            Users.Created member = server.user("annotator", "crowd");
            Users.Created nonmember = server.user("annotator", "crowd");
            Users.Created spare = server.user("annotator", "expert");
            long project = manager.http().post("/api/projects", new JsonObject().put("name", "matrix").put("schema", new JsonObject()
                    .put("kind", "single").put("labels", new JsonArray().add(new JsonObject().put("key", "a").put("name", "A"))
                            .add(new JsonObject().put("key", "b").put("name", "B"))))).json().getLong("id");
            Projects.items(server, project, 100, 0);
            Projects.addMember(server, project, member.id());
            Map<String, Http> as = Map.of("anonymous", server.http(), "member", member.http(), "nonmember", nonmember.http(),
                    "manager", manager.http(), "other", other.http(), "admin", server.admin());
            List<String> wrong = new ArrayList<>();
            int seq = 0;
            for (Row row : table().values()) {
                for (int i = 0; i < ROLES.size(); i++) {
                    String role = ROLES.get(i);
                    String expected = row.expected().get(i);
                    // Set-up per cell, so that each caller meets the same state: a fresh lease of the member's,
                    // the spare user a member again, the deputy a manager again.
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("id", row.path().startsWith("/api/users") ? String.valueOf(spare.id())
                            : row.path().startsWith("/api/tokens") ? "999999" : String.valueOf(project));
                    params.put("sid", "999999"); // no such study: access is judged before the study is looked up
                    if (row.path().contains("{leaseId}")) {
                        params.put("leaseId", member.http().post("/api/projects/" + project + "/tasks/next", new JsonObject()).json().getString("lease_id"));
                    }
                    if (row.path().contains("/members/{userId}")) {
                        Projects.addMember(server, project, spare.id());
                        params.put("userId", String.valueOf(spare.id()));
                    }
                    if (row.path().contains("/managers/{userId}")) {
                        Projects.addManager(server, project, deputy.id());
                        params.put("userId", String.valueOf(deputy.id()));
                    }
                    String path = row.path();
                    for (Map.Entry<String, String> e : params.entrySet()) {
                        path = path.replace("{" + e.getKey() + "}", e.getValue());
                    }
                    if (row.body() != null && row.body().startsWith("?")) {
                        path += row.body(); // a query string, not a body
                    }
                    String body = row.body() == null || row.body().startsWith("?") ? null : row.body().replace("$unique", "u" + System.nanoTime() + "-" + seq++)
                            .replace("$spare", String.valueOf(spare.id())).replace("$deputy", String.valueOf(deputy.id()));
                    boolean lines = row.path().endsWith("/items") || row.path().endsWith("/predictions") || row.path().endsWith("/answers/import");
                    if (lines && row.path().endsWith("/predictions")) {
                        path += "?model=m&version=1";
                    }
                    HttpRequest.Builder b = as.get(role).builder(path).method(row.method(), body == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body + (lines ? "\n" : "")));
                    if (body != null) {
                        b.header("Content-Type", lines ? "application/x-ndjson" : "application/json");
                    }
                    Http.Response r = as.get(role).send(b);
                    if (row.path().endsWith("/archive")) {
                        server.admin().post("/api/projects/" + project + "/restore", new JsonObject()); // later rows meet an active project
                    }
                    String verdict = judge(expected, r);
                    if (verdict != null) {
                        wrong.add(String.format("%-50s as %-9s expected %-3s got %d: %s", row.method() + " " + row.path(), role, expected,
                                r.status(), r.body().length() > 160 ? r.body().substring(0, 160) : r.body()));
                    }
                }
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " cells differ from the table:\n" + String.join("\n", wrong));
        }
    }

    /** Null when the response matches the cell. */
    private static String judge(String expected, Http.Response r) {
        if (r.status() >= 500) {
            return "5xx";
        }
        if (r.status() >= 400 && !"application/problem+json".equals(r.header("Content-Type"))) {
            return "not problem+json";
        }
        return switch (expected) {
            case "*" -> null;
            case "ok" -> r.status() < 300 || r.status() == 400 || r.status() == 409 || r.status() == 422 ? null : "denied";
            default -> String.valueOf(r.status()).equals(expected) ? null : "status";
        };
    }
}
