package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's set-up pages in a real Chromium against a real server and PostgreSQL: one server and one browser
 * for the whole class (each test logs in afresh), so the suite stays short.
 */
class ConsoleAdminTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Browser browser;
    static Path files;

    @BeforeAll
    static void setUp() throws IOException {
        browser = Browser.open(server.port());
        files = Files.createTempDirectory("kappa-console-");
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static Path file(String name, String content) throws IOException {
        Path p = files.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void type(WebElement input, String text) {
        ConsoleSetUp.type(input, text);
    }

    private static long scalar(String sql, Object... args) throws Exception {
        return Fixtures.scalar(server.databaseUrl(), sql, args);
    }

    private static String textOf(String css) {
        return ConsoleSetUp.textOf(browser, css);
    }

    private static void waitText(String css, String contains) {
        ConsoleSetUp.waitText(browser, css, contains);
    }

    @Test
    void engineerCreatesAProjectUploadsItemsAndPredictionsAndAddsTwoAnnotatorsInTheBrowserAlone() throws Exception {
        Users.Created byEmail = server.user("annotator", "crowd");
        String worker = "prolific-" + UUID.randomUUID().toString().substring(0, 8);
        server.admin().post("/api/users", new JsonObject().put("external_id", worker).put("role", "annotator").put("tier", "crowd"));
        Users.Created eng = server.user("engineer", null);
        ConsoleBrowser.logIn(browser, eng.email(), eng.password());

        String projectName = "Sentiment " + UUID.randomUUID().toString().substring(0, 6);
        long project = ConsoleSetUp.createProject(browser, projectName, List.of(new ConsoleSetUp.Label("pos", "Positive", null),
                new ConsoleSetUp.Label("neg", "Negative", null)), 2, 1, "Is it **positive**?",
                () -> browser.until(d -> d.findElement(By.cssSelector("#md-preview strong")).getText().equals("positive")));
        ConsoleSetUp.addMember(browser, "email", byEmail.email(), 1);
        browser.until(d -> !d.findElements(By.cssSelector("#members-table tr[data-user-id='" + byEmail.id() + "']")).isEmpty());
        ConsoleSetUp.addMember(browser, "external_id", worker, 2);

        ConsoleSetUp.uploadItems(browser, file("items.jsonl", "{\"external_id\":\"r1\",\"data\":{\"text\":\"great\"}}\n"
                + "{\"external_id\":\"r2\",\"data\":{\"text\":\"awful\"}}\n{\"external_id\":\"r3\",\"data\":{\"text\":\"fine\"}}\n"));
        assertEquals(browser.find("#upload-progress").getAttribute("max"), browser.find("#upload-progress").getAttribute("value"),
                "the bar reaches the file's size");
        ConsoleSetUp.uploadPredictions(browser, file("preds.jsonl", "{\"item\":\"r1\",\"label\":\"pos\",\"score\":0.9}\n"
                + "{\"item\":\"r2\",\"label\":\"neg\",\"score\":0.8}\n"), "bert", "v2");

        assertEquals(3, scalar("select count(*) from items where project_id = ?", project));
        assertEquals(2, scalar("select count(*) from predictions p join model_runs r on r.project_id = p.project_id and r.id = p.run_id "
                + "where p.project_id = ? and r.model = 'bert' and r.version = 'v2'", project));
        assertEquals(2, scalar("select count(*) from project_members where project_id = ?", project));
        assertEquals(2, scalar("select overlap_crowd from projects where id = ?", project));
        assertTrue(browser.find("#export-link").getAttribute("href").contains("/api/projects/" + project + "/export?format=jsonl"));
        browser.screenshot("console-data");
    }

    @Test
    void adminCreatesAUserPromotesThemToExpertAndPausesThemAndThePauseStopsTheirNextTask() throws Exception {
        long project = Fixtures.project(server.admin(), Fixtures.schema("single", "a", "A", "b", "B"), "x");
        server.admin().patch("/api/projects/" + project, new JsonObject().put("expert_on_all", true)
                .put("overlap", new JsonObject().put("expert", 1)));
        Fixtures.items(server.admin(), project, Fixtures.texts("one", "two", "three"));
        ConsoleBrowser.logIn(browser, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        ConsoleBrowser.open(browser, "#/users", "#create-user-form");
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@kappa.test";
        type(browser.find("#create-user-form input[name=email]"), email);
        type(browser.find("#create-user-form input[name=display_name]"), "Nia New");
        type(browser.find("#create-user-form input[name=password]"), "long-enough-password");
        browser.find("#create-user-form button[type=submit]").click();
        long id = browser.until(d -> {
            try {
                for (WebElement row : d.findElements(By.cssSelector("#users-table tbody tr"))) {
                    if (row.getText().contains(email)) {
                        return Long.parseLong(row.getAttribute("data-user-id"));
                    }
                }
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                // the table was redrawn while we read it; look again
            }
            return null;
        });
        String row = "#users-table tr[data-user-id='" + id + "']";
        new Select(browser.find(row + " .tier-select")).selectByValue("expert");
        browser.until(d -> "expert".equals(server.admin().get("/api/users?limit=1000").json().getJsonArray("users").stream()
                .map(JsonObject.class::cast).filter(u -> u.getLong("id") == id).findFirst().orElseThrow().getString("tier")));
        server.admin().post("/api/projects/" + project + "/members", new JsonObject().put("user_id", id));

        // Issue their token in the console: shown once, with a copy button; use it as they would.
        browser.until(d -> textOf(row + " .issue-token") != null);
        browser.find(row + " .issue-token").click();
        String token = browser.until(d -> d.findElement(By.cssSelector("#token-value"))).getText();
        assertEquals("Copy token", ConsoleBrowser.focusedText(browser), "focus moves to the copy button");
        Http asThem = server.http().bearer(token);
        Http.Response before = asThem.post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, before.status(), before.toString());
        assertEquals("expert", before.json().getString("tier", "expert"));
        asThem.post("/api/leases/" + before.json().getString("lease_id") + "/release", new JsonObject());

        browser.until(d -> textOf(row + " button.pause") != null);
        browser.find(row + " button.pause").click();
        browser.until(d -> "paused".equals(textOf(row + " .status")));
        Http.Response after = asThem.post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(204, after.status(), after.toString());
        assertEquals("paused", after.header("Kappa-No-Task-Reason"));
        browser.screenshot("console-users");

        browser.until(d -> textOf(row + " button.resume") != null);
        browser.find(row + " button.resume").click();
        browser.until(d -> "active".equals(textOf(row + " .status")));
        Http.Response resumed = asThem.post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, resumed.status(), resumed + " " + resumed.header("Kappa-No-Task-Reason"));
    }

    @Test
    void anUploadWithABadLineShowsTheLineNumberAndWritesNothing() throws Exception {
        long project = Fixtures.project(server.admin(), Fixtures.schema("single", "a", "A", "b", "B"), "x");
        Users.Created eng = server.user("engineer", null);
        Projects.addManager(server, project, eng.id());
        ConsoleBrowser.logIn(browser, eng.email(), eng.password());
        ConsoleBrowser.open(browser, "#/manage/" + project + "/data", "#upload-file").sendKeys(file("bad.jsonl",
                "{\"external_id\":\"ok1\",\"data\":{\"text\":\"fine\"}}\n{\"external_id\":\"ok2\",\"data\":{\"text\":\"fine\"}}\n"
                        + "{\"external_id\":\"bad\",\"data\":{\"text\":\"x\"},\"gold\":\"zzz\"}\n{\"external_id\":\"ok3\",\"data\":{}}\n").toString());
        WebElement table = browser.until(d -> d.findElement(By.cssSelector("#bad-lines")));
        String firstLine = table.findElement(By.cssSelector("tbody tr td")).getText();
        assertEquals("3", firstLine, table.getText());
        assertTrue(browser.text("#upload-status").contains("not imported"), browser.text("#upload-status"));
        assertEquals(0, scalar("select count(*) from items where project_id = ?", project), "nothing written");
        browser.screenshot("console-bad-upload");
    }

    @Test
    void userTextIsInertOnEverySetUpPage() throws Exception {
        String script = "<script>window.__xss=1</script>";
        String img = "<img src=x onerror=\"window.__xss=2\">";
        String link = "[click](javascript:window.__xss=3)";
        String name = "P " + img + script;
        JsonObject schema = Fixtures.schema("single", "a", "A " + img, "b", "B " + script);
        long project = Fixtures.project(server.admin(), name, "D " + img, schema, "# Hi " + script + "\n\n" + img + "\n\n" + link);
        Fixtures.items(server.admin(), project, Fixtures.texts(img));
        Users.Created victim = server.user("annotator", "crowd");
        server.admin().patch("/api/users/" + victim.id(), new JsonObject().put("display_name", "U " + img + script));
        server.admin().post("/api/projects/" + project + "/members", new JsonObject().put("user_id", victim.id()));

        ConsoleBrowser.logIn(browser, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.until(d -> d.findElement(By.cssSelector("#projects-table tr[data-project-id='" + project + "'] .project-link")));
        assertEquals(name, browser.find("#projects-table tr[data-project-id='" + project + "'] .project-link").getText());
        ConsoleBrowser.open(browser, "#/manage/" + project + "/settings", "#md-preview h1");
        assertEquals(name, browser.text("#console-project-name"));
        assertEquals("A " + img, browser.driver.findElements(By.cssSelector("#label-rows input[name=label-name]")).get(0).getAttribute("value"));
        assertTrue(browser.text("#md-preview").contains(img), "raw HTML in instructions is shown as text: " + browser.text("#md-preview"));
        assertEquals(0, browser.count("#md-preview script, #md-preview img, #md-preview a[href^='javascript']"));
        assertEquals(name, browser.text(".confirm-name"));
        ConsoleBrowser.open(browser, "#/manage/" + project + "/members", "#members-table");
        assertTrue(browser.text("#members-table").contains("U " + img + script));
        ConsoleBrowser.open(browser, "#/users", "#users-table");
        browser.until(d -> d.findElement(By.cssSelector("#users-table")).getText().contains("U " + img + script));
        // Nothing ran: no flag set, no alert, no element came from user text.
        assertNull(browser.script("return window.__xss === undefined ? null : window.__xss"));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        assertEquals(0L, browser.script("return document.querySelectorAll('main img[onerror], main script').length"));
    }

    @Test
    void keyboardAloneDrivesTheSetUpPages() throws Exception {
        long project = Fixtures.project(server.admin(), Fixtures.schema("single", "a", "A", "b", "B"), "x");
        Users.Created ann = server.user("annotator", "crowd");
        Users.Created eng = server.user("engineer", null);
        Projects.addManager(server, project, eng.id());
        ConsoleBrowser.logIn(browser, eng.email(), eng.password());
        // From the top of the page, Tab reaches the top navigation, then the page's controls, with a visible focus ring.
        ConsoleBrowser.open(browser, "#/manage/" + project + "/members", "#member-who");
        browser.find("#member-by").click();
        browser.keys(Keys.ESCAPE);
        browser.script("document.getElementById('member-by').focus()");
        browser.keys(Keys.TAB);
        assertEquals("member-who", browser.driver.switchTo().activeElement().getAttribute("id"));
        String outline = (String) browser.script("return getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("solid", outline, "focus is visible");
        browser.keys(ann.email(), Keys.ENTER);
        browser.until(d -> !d.findElements(By.cssSelector("#members-table tr[data-user-id='" + ann.id() + "']")).isEmpty());
        // Tab to the Remove button and press Space.
        browser.script("document.getElementById('add-member').focus()");
        WebElement remove = browser.find("#members-table .remove-member");
        for (int i = 0; i < 10 && !remove.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.keys(Keys.TAB);
        }
        assertEquals(remove, browser.driver.switchTo().activeElement());
        browser.keys(Keys.SPACE);
        browser.until(d -> d.findElements(By.cssSelector("#members-table")).isEmpty());
        // The project tabs are links: Tab to "Settings" and press Enter.
        WebElement settings = browser.find(".tabs a[data-tab='settings']");
        browser.script("arguments[0].focus()", browser.find(".tabs a"));
        for (int i = 0; i < 15 && !settings.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.keys(Keys.TAB);
        }
        browser.keys(Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("/settings"));
        WebElement nameInput = browser.until(d -> d.findElement(By.cssSelector("#project-form input[name=name]")));
        nameInput.click();
        // An invalid setting shows the server's field error next to the field, and focus goes there.
        WebElement ttl = browser.find("input[name=lease_ttl_seconds]");
        type(ttl, "5");
        ttl.sendKeys(Keys.ENTER);
        browser.until(d -> !d.findElement(By.id(ttl.getAttribute("id") + "-error")).getText().isEmpty());
        assertTrue(browser.find("#" + ttl.getAttribute("id") + "-error").getText().contains("between 10 and 86400"));
        assertEquals("true", ttl.getAttribute("aria-invalid"));
        assertEquals(ttl, browser.driver.switchTo().activeElement());
        assertFalse(browser.count("#project-form .field-error:not(:empty)") > 1);
    }
}
