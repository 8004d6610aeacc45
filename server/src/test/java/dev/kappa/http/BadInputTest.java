package dev.kappa.http;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for issue 15, defects 3, 4, 8 and 9: NUL bytes, times PostgreSQL cannot hold, HTTP-layer errors, data: links. */
class BadInputTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static long project;

    @BeforeAll
    static void setUp() {
        project = Projects.create(server, new JsonObject());
    }

    private static void assertNamesField(Http.Response r, String field) {
        assertTrue(r.status() >= 400 && r.status() < 500, r.toString());
        assertEquals("application/problem+json", r.header("Content-Type"), r.toString());
        assertEquals(field, r.json().getString("field"), r.toString());
    }

    @Test
    @DisplayName("defect 3: U+0000 in any text field answers 4xx naming the field, never 500")
    void nulBytes() {
        String nul = "a\u0000b";
        assertNamesField(server.http().post("/api/auth/login", new JsonObject().put("email", nul).put("password", "x")), "email");
        assertNamesField(server.admin().post("/api/projects", new JsonObject().put("name", nul)), "name");
        assertNamesField(server.admin().patch("/api/projects/" + project, new JsonObject().put("instructions", nul)), "instructions");
        assertNamesField(server.admin().post("/api/projects", new JsonObject().put("name", "ok").put("schema", new JsonObject()
                .put("kind", "single").put("labels", new JsonArray().add(new JsonObject().put("key", "k").put("name", nul))))), "schema.labels[0].name");
        assertNamesField(server.admin().post("/api/tokens", new JsonObject().put("name", nul)), "name");
        Users.Created annotator = server.user("annotator", "crowd");
        assertNamesField(server.admin().patch("/api/users/" + annotator.id(), new JsonObject().put("display_name", nul)), "display_name");
        Projects.addMember(server, project, annotator.id());
        Projects.items(server, project, 1, 0);
        String lease = annotator.http().post("/api/projects/" + project + "/tasks/next", new JsonObject()).json().getString("lease_id");
        assertNamesField(annotator.http().post("/api/leases/" + lease + "/skip", new JsonObject().put("reason", nul)), "reason");
        assertNamesField(server.admin().get("/api/projects/" + project + "/agreement?tier=%00"), "tier");
    }

    @Test
    @DisplayName("defect 4: from/to outside PostgreSQL's range on agreement, consensus, quality and export answer 400 naming the field")
    void timesOutOfRange() {
        for (String path : new String[] {"agreement", "consensus", "annotators/quality", "export"}) {
            assertNamesField(server.admin().get("/api/projects/" + project + "/" + path + "?from=%2B294277-01-01T00:00:00Z"), "from");
            assertNamesField(server.admin().get("/api/projects/" + project + "/" + path + "?to=-4714-01-01T00:00:00Z"), "to");
            assertNamesField(server.admin().get("/api/projects/" + project + "/" + path + "?from=%2B999999999-12-31T23:59:59Z"), "from");
        }
    }

    @Test
    @DisplayName("defect 9: Markdown instructions lose data: links and images; http(s) links stay")
    void dataLinksStripped() {
        Http.Response r = server.admin().patch("/api/projects/" + project, new JsonObject().put("instructions",
                "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![i](data:image/svg+xml;base64,PHN2Zy8+) [ok](https://example.org/guide)"));
        assertEquals(200, r.status(), r.body());
        String html = r.json().getString("instructions_html");
        assertFalse(html.contains("data:"), html);
        assertTrue(html.contains("href=\"https://example.org/guide\""), html);
    }

    /** Sends raw bytes and returns the whole response as text (the server closes the connection after an HTTP-layer error). */
    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("defect 8: errors from the HTTP layer (414, 431, a bad request line) are problem+json too")
    void httpLayerErrors() throws Exception {
        String longUri = raw("GET /api/projects?x=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(longUri.matches("(?s)HTTP/1\\.[01] 414 .*"), longUri);
        assertTrue(longUri.contains("application/problem+json") && longUri.contains("\"status\":414"), longUri);
        String bigHeaders = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
        assertTrue(bigHeaders.matches("(?s)HTTP/1\\.[01] 431 .*"), bigHeaders);
        assertTrue(bigHeaders.contains("application/problem+json") && bigHeaders.contains("\"status\":431"), bigHeaders);
        String badLine = raw("GARBAGE\r\n\r\n");
        assertTrue(badLine.matches("(?s)HTTP/1\\.[01] 400 .*"), badLine);
        assertTrue(badLine.contains("application/problem+json") && badLine.contains("\"status\":400"), badLine);
    }
}
