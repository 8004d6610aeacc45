package dev.kappa.web;

import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's frame: role homes, navigation, and the "not allowed" page that fetches nothing. One browser, one server. */
class ConsoleShellTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Browser browser;

    @BeforeAll
    static void setUp() {
        browser = Browser.open(server.port());
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void annotatorOpeningAConsoleUrlIsToldNoAndNothingIsFetched() {
        long project = Fixtures.project(server.admin(), Fixtures.schema("single", "a", "A", "b", "B"), "x");
        Users.Created ann = server.user("annotator", "crowd");
        server.admin().post("/api/projects/" + project + "/members", new JsonObject().put("user_id", ann.id()));
        ConsoleBrowser.logIn(browser, ann.email(), ann.password());
        assertEquals(1, browser.count("#project-list"), "annotators keep My projects as their home");
        // Let My projects finish its own requests, so that only what the console routes ask for is counted below.
        browser.until(d -> !d.findElements(By.cssSelector(".answers-today")).isEmpty()
                && !"…".equals(d.findElement(By.cssSelector(".answers-today")).getText()));
        assertTrue(browser.find("#console-nav").getAttribute("hidden") != null, "annotators get no console navigation");
        for (String hash : List.of("#/manage/" + project + "/settings", "#/manage/" + project,
                "#/manage/" + project + "/no-such-tab")) {
            browser.script("performance.clearResourceTimings()");
            ConsoleBrowser.open(browser, hash, "#not-allowed-title");
            assertEquals("Not allowed", browser.text("#not-allowed-title"), hash);
            assertEquals(List.of(), ConsoleBrowser.apiRequests(browser), "no data requested for " + hash);
            assertEquals(0, browser.count(".tab-panel"), hash);
        }
    }

    @Test
    void engineerHomeListsProjectsWithProgressAndTabsComeFromTheRegistry() {
        String name = "Shell " + System.nanoTime();
        long project = Fixtures.project(server.admin(), name, "d", Fixtures.schema("single", "a", "A", "b", "B"), "x");
        Fixtures.items(server.admin(), project, Fixtures.texts("one", "two", "three"));
        Users.Created eng = server.user("engineer", null);
        Projects.addManager(server, project, eng.id());
        ConsoleBrowser.logIn(browser, eng.email(), eng.password());
        browser.until(d -> !d.findElements(By.cssSelector("#projects-table tr[data-project-id='" + project + "'] progress")).isEmpty());
        var row = browser.find("#projects-table tr[data-project-id='" + project + "']");
        assertTrue(row.getText().contains(name), row.getText());
        assertTrue(row.getText().contains("0 / 3"), row.getText());
        assertEquals("Projects", browser.find("#console-nav a[aria-current='page']").getText());
        assertFalse(browser.find("#console-nav").getText().contains("People"), "engineers do not manage people");
        assertEquals(1, browser.count("#new-project"));
    }
}
