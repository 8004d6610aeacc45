package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.ServerProcess;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server dies while the annotator labels, and comes back on the same port and database: the browser keeps the
 * answers, shows a banner, retries with the same leases, and each answer arrives exactly once.
 */
class ServerCutTest {
    private static final Map<String, String> ENV = Map.of("KAPPA_ADMIN_API_KEY", TestServer.ADMIN_KEY, "KAPPA_DB_POOL_SIZE", "4");

    @Test
    @DisplayName("cut the server mid-labeling: the prefetched item still appears at once, answers are kept and retried, and land exactly once")
    void answersSurviveAServerCut() throws Exception {
        String db = TestDatabases.create();
        ServerProcess server = ServerProcess.start(db, ENV);
        int port = server.port();
        try (Browser browser = Browser.open(port)) {
            Http admin = server.http().bearer(TestServer.ADMIN_KEY);
            long project = Fixtures.project(admin, Fixtures.schema("single", "pos", "Positive", "neg", "Negative"), "");
            Fixtures.items(admin, project, Fixtures.texts("first", "second", "third"));
            Fixtures.Annotator ann = Fixtures.annotator(admin, project);
            browser.logIn(ann.email(), ann.password());
            browser.get("/#/label/" + project);
            browser.until(d -> browser.itemOnScreen().equals("it1"));
            long held = awaitOpenLeases(db, project, ann.id(), 2);
            assertEquals(2, held, "the item on screen and the prefetched next one are both leased");

            server.kill();
            browser.keys("1");
            browser.until(d -> browser.itemOnScreen().equals("it2"));
            assertEquals("true", browser.find("#item").getDomAttribute("data-prefetched"), "the next item came from the prefetch, with the server down");
            // No request could have answered: the server is dead. The bound only guards against a hidden wait (a retry loop).
            double ms = Double.parseDouble(browser.find("#speed").getDomAttribute("data-last-ms"));
            assertTrue(ms < 1000, "submit to next item painted took " + ms + " ms with no server");
            browser.until(d -> browser.find("#banner").isDisplayed() && browser.text("#banner").contains("Connection lost"));

            browser.keys("2");
            browser.until(d -> browser.text("#banner").contains("2 answers are kept"));
            browser.until(d -> browser.text("#item").contains("Loading the next item"));
            JsonArray kept = new JsonArray((String) browser.script("return localStorage.getItem('kappa.outbox.v1')"));
            assertEquals(2, kept.size(), "both answers are stored in the browser while the server is away");
            browser.screenshot("server-cut-banner");
            assertEquals(0, Fixtures.scalar(db, "SELECT count(*) FROM answers WHERE project_id = ?", project));

            server = ServerProcess.start(db, port, ENV);
            browser.until(Duration.ofSeconds(20), d -> !browser.find("#banner").isDisplayed());
            browser.until(d -> browser.itemOnScreen().equals("it3"));
            assertTrue(browser.text("#notice").contains("connection is back"), browser.text("#notice"));
            browser.keys("1");
            browser.until(d -> browser.text("#item").contains("Nothing more for you here"));
            browser.until(d -> "[]".equals(browser.script("return localStorage.getItem('kappa.outbox.v1')")));

            assertEquals(Map.of("it1", "\"pos\"", "it2", "\"neg\"", "it3", "\"pos\""), awaitAnswers(db, project, ann.id(), 3));

            // The answer that was cut off is sent once more, as a browser whose response was lost would: replayed, not duplicated.
            String session = browser.driver.manage().getCookieNamed("kappa_session").getValue();
            Http asBrowser = server.http().with("Cookie", "kappa_session=" + session);
            String csrf = asBrowser.get("/api/me").json().getString("csrf_token");
            String lease = project + "." + Fixtures.text(db, "SELECT a.lease_id::text FROM answers a JOIN items i ON i.project_id = a.project_id AND i.id = a.item_id "
                    + "WHERE a.project_id = ? AND i.external_id = 'it1'", project);
            Http.Response again = asBrowser.with("X-CSRF-Token", csrf).post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "pos").put("duration_ms", 5));
            assertEquals(200, again.status(), again.body());
            assertTrue(again.json().getBoolean("replayed"));
            assertEquals(3, Fixtures.scalar(db, "SELECT count(*) FROM answers WHERE project_id = ?", project), "each answer exactly once");
            assertEquals(0, browser.driver.findElements(By.cssSelector("#banner:not([hidden])")).size());
        } finally {
            server.close();
            TestDatabases.drop(db);
        }
    }

    private static long awaitOpenLeases(String db, long project, long annotator, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        long open;
        do {
            open = Fixtures.scalar(db, "SELECT count(*) FROM leases WHERE project_id = ? AND annotator_id = ? AND closed_at IS NULL", project, annotator);
            if (open < expected) {
                Thread.sleep(20);
            }
        } while (open < expected && System.currentTimeMillis() < deadline);
        return open;
    }

    private static Map<String, String> awaitAnswers(String db, long project, long annotator, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        Map<String, String> stored = Fixtures.answers(db, project, annotator);
        while (stored.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            stored = Fixtures.answers(db, project, annotator);
        }
        return stored;
    }
}
