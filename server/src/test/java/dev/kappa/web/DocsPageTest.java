package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.OpenApiOperations;
import dev.kappa.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /docs: Swagger UI renders Kappa's own operations under Kappa's Content-Security-Policy, and a call can be tried. */
class DocsPageTest {
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
    @DisplayName("/docs is served under the same CSP as the rest, with Kappa's initialiser instead of the petstore's")
    void servedUnderTheSameCsp() {
        Http http = server.http();
        Http.Response redirect = http.get("/docs");
        assertEquals(302, redirect.status());
        assertEquals("/docs/", redirect.header("Location"));
        Http.Response page = http.get("/docs/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertEquals(http.get("/health").header("Content-Security-Policy"), page.header("Content-Security-Policy"));
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self';"), "no inline script, no eval");
        assertTrue(!page.body().contains("<script>") && !page.body().contains("onload="), "no inline script in the page");
        Http.Response init = http.get("/docs/swagger-initializer.js");
        assertEquals(200, init.status());
        assertTrue(init.body().contains("'/openapi.yaml'") && !init.body().contains("petstore"), init.body());
        assertEquals(404, http.get("/docs/swagger-ui.js").status(), "only the files the page loads");
        assertEquals(404, http.get("/docs/oauth2-redirect.html").status(), "only the files the page loads");
    }

    @Test
    @DisplayName("the page renders every documented operation, runs a call with Try it out, and logs no CSP violation")
    void rendersEveryOperationWithoutCspViolations() {
        browser.get("/docs");
        browser.until(Duration.ofSeconds(60), d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
        assertTrue(browser.text(".info .title").startsWith("Kappa API"), browser.text(".info .title"));
        List<String> missing = new ArrayList<>();
        List<OpenApiOperations.Operation> ops = OpenApiOperations.all();
        for (OpenApiOperations.Operation op : ops) {
            String id = (String) browser.script("const ops = [...document.querySelectorAll('.opblock')].filter(b =>"
                    + " b.querySelector('.opblock-summary-method')?.textContent === arguments[0]"
                    + " && b.querySelector('.opblock-summary-path')?.getAttribute('data-path') === arguments[1]);"
                    + " return ops.length === 1 ? ops[0].id : null;", op.method(), op.path());
            if (id == null) {
                missing.add(op.key());
            }
        }
        assertEquals(List.of(), missing, "operations Swagger UI does not show");
        assertEquals(ops.size(), browser.count(".opblock"), "one block per documented operation");

        // Try it out on GET /health: the call goes out under connect-src 'self' and its answer is shown.
        browser.find("#operations-health-getHealth .opblock-summary-control").click();
        browser.until(d -> !d.findElements(By.cssSelector("#operations-health-getHealth .try-out__btn")).isEmpty());
        browser.find("#operations-health-getHealth .try-out__btn").click();
        browser.until(d -> !d.findElements(By.cssSelector("#operations-health-getHealth .execute")).isEmpty());
        browser.find("#operations-health-getHealth .execute").click();
        browser.until(d -> !d.findElements(By.cssSelector("#operations-health-getHealth .live-responses-table tbody .response-col_status")).isEmpty());
        assertEquals("200", browser.text("#operations-health-getHealth .live-responses-table tbody .response-col_status").trim());

        List<String> problems = new ArrayList<>();
        for (LogEntry e : browser.driver.manage().logs().get("browser")) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue() || e.getMessage().contains("Content Security Policy")) {
                problems.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems, "the browser's console log");
        browser.screenshot("docs");

        // The log does show a violation: an inline script, refused by script-src 'self'.
        browser.script("const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.appendChild(s);");
        assertTrue(browser.driver.manage().logs().get("browser").getAll().stream()
                .anyMatch(e -> e.getMessage().contains("Content Security Policy")), "an inline script is reported as a CSP violation");
    }
}
