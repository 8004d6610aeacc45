package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kappa.support.Users;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A slow upload holds a transfer slot; past the cap the answer is 503 at once, and other requests still flow. */
class TransferLimitTest {
    // Two workers: one transfer slot, one worker left for everything else.
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_WORKER_POOL_SIZE", "2"));
    static Http engineer;
    static String token;

    @BeforeAll
    static void setUp() {
        Users.Created user = server.engineer();
        engineer = user.http();
        Http.Response t = server.admin().post("/api/users/" + user.id() + "/tokens", new io.vertx.core.json.JsonObject().put("name", "raw"));
        token = "Bearer " + t.json().getString("token");
        ItemImportTest.engineer = engineer;
    }

    @Test
    @DisplayName("while a slow upload holds the only transfer slot, another upload or export gets 503, and the API still answers")
    void slowUploadHoldsTheSlot() throws Exception {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg");
        // A raw HTTP/1.1 upload that sends one chunk and then holds the connection open, like a slow client. Probing
        // too early races it for the single slot (the probe can win and the slow upload is then refused), so give it
        // time first, and start over if it was answered already, i.e. refused.
        Socket slow = null;
        OutputStream out = null;
        Http.Response busy = null;
        String line = "{\"external_id\": \"s1\", \"data\": {}}\n";
        for (int attempt = 0; attempt < 5 && (busy == null || busy.status() != 503); attempt++) {
            if (slow != null) {
                slow.close();
            }
            slow = new Socket("127.0.0.1", server.port());
            out = slow.getOutputStream();
            out.write(("POST /api/projects/" + p + "/items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token
                    + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(line.length()) + "\r\n" + line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(1000);
            if (slow.getInputStream().available() > 0) {
                continue; // the slow upload was refused; try again
            }
            busy = engineer.post("/api/projects/" + p + "/items", "{\"external_id\": \"x\", \"data\": {}}\n", "application/x-ndjson");
        }
        assertEquals(503, busy.status(), busy.body());
        assertEquals(503, engineer.get("/api/projects/" + p + "/export").status());
        assertEquals(200, engineer.get("/api/projects/" + p).status(), "ordinary requests are not starved");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        slow.setSoTimeout(30_000);
        String status = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.UTF_8)).readLine();
        slow.close();
        assertEquals("HTTP/1.1 200 OK", status);
        assertEquals(200, engineer.post("/api/projects/" + p + "/items", "{\"external_id\": \"s2\", \"data\": {}}\n",
                "application/x-ndjson").status());
        assertEquals(2, ItemImportTest.items(p).size());
    }
}
