package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console pages that watch and judge a project, in a real headless Chromium against a real server: one server and
 * one browser for the class. Two annotators label through the labeling screen; the engineer then watches progress,
 * the annotators and the charts. Every kind of user text carries an XSS payload that would set window.__xss.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAnalysisPagesTest {
    static final String XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Browser browser;
    static long project;
    static Login engineer;
    static Login admin;
    static final List<Login> annotators = new ArrayList<>();

    record Login(long id, String email, String password) {
    }

    /**
     * The accounts come from the admin (people are the admin's job); everything else the engineer does in the
     * browser alone: the project, its two annotators, the items (every second with gold) and a model run.
     */
    @BeforeAll
    static void setUp() throws java.io.IOException {
        browser = Browser.open(server.port());
        Http api = server.admin();
        engineer = user(api, "engineer", null, "Eng " + XSS);
        admin = new Login(0, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        for (int i = 0; i < 2; i++) {
            annotators.add(user(api, "annotator", "crowd", "Annotator " + i + " " + XSS));
        }
        ConsoleBrowser.logIn(browser, engineer.email(), engineer.password());
        project = ConsoleSetUp.createProject(browser, "Reviews " + XSS, List.of(new ConsoleSetUp.Label("pos", "Positive " + XSS, "1"),
                new ConsoleSetUp.Label("neg", "Negative", "2")), 2, 0, "Label it. " + XSS, null);
        for (int i = 0; i < annotators.size(); i++) {
            ConsoleSetUp.addMember(browser, "email", annotators.get(i).email(), i + 1);
        }
        java.nio.file.Path files = java.nio.file.Files.createTempDirectory("kappa-pages-");
        StringBuilder items = new StringBuilder();
        StringBuilder predictions = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            JsonObject line = new JsonObject().put("external_id", "it" + i)
                    .put("data", new JsonObject().put("text", "Review " + i + " " + XSS).put("stars", i % 5));
            if (i % 2 == 1) {
                line.put("gold", "pos");
            }
            items.append(line.encode()).append('\n');
            String label = i % 3 == 0 ? "neg" : "pos";
            predictions.append(new JsonObject().put("item", "it" + i).put("label", label)
                    .put("probs", new JsonObject().put("pos", label.equals("pos") ? 0.7 : 0.2).put("neg", label.equals("pos") ? 0.3 : 0.8)).encode()).append('\n');
        }
        ConsoleSetUp.uploadItems(browser, java.nio.file.Files.writeString(files.resolve("items.jsonl"), items));
        ConsoleSetUp.uploadPredictions(browser, java.nio.file.Files.writeString(files.resolve("predictions.jsonl"), predictions), "bert " + XSS, "1");
        assertInert();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    static Login user(Http api, String role, String tier, String name) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@kappa.test";
        String password = "password-" + UUID.randomUUID();
        JsonObject body = new JsonObject().put("email", email).put("password", password).put("role", role).put("display_name", name);
        if (tier != null) {
            body.put("tier", tier);
        }
        Http.Response r = api.post("/api/users", body);
        check(r, 201);
        return new Login(r.json().getLong("id"), email, password);
    }

    static void check(Http.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
    }

    static void logInAs(Login who) {
        if (!browser.driver.findElements(By.cssSelector("#logout:not([hidden])")).isEmpty()) {
            browser.find("#logout").click();
            until(d -> d.getCurrentUrl().endsWith("#/login"));
        }
        browser.logIn(who.email(), who.password());
        // the console is one document: a listener installed now hears every violation of the pages opened after
        browser.script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
    }

    /** Opens one of the project's console pages and waits until it has drawn {@code figures} charts. */
    static void open(String tab, int figures) {
        // empty the page first, so that nothing of the previous page is mistaken for this one
        browser.script("document.getElementById('main').replaceChildren(); location.hash = arguments[0]", "#/manage/" + project + "/" + tab);
        until(d -> browser.count("#analysis-title") == 1 && browser.count("figure.chart[data-chart]") >= figures);
    }

    static JsonObject chart(String id) {
        return new JsonObject(browser.find("#" + id).getDomAttribute("data-chart"));
    }

    static List<Long> longs(JsonArray a) {
        List<Long> out = new ArrayList<>();
        a.forEach(v -> out.add(v == null ? null : ((Number) v).longValue()));
        return out;
    }

    /** Labels n items through the labeling screen with the keyboard, as an annotator does. */
    static void labelThroughTheUi(Login who, int n) {
        logInAs(who);
        String card = "[data-project-id='" + project + "'] .start";
        until(d -> !d.findElements(By.cssSelector(card)).isEmpty());
        browser.find(card).click();
        until(d -> !browser.itemOnScreen().isEmpty());
        for (int i = 0; i < n; i++) {
            String item = browser.itemOnScreen();
            until(d -> "true".equals(browser.find("#item").getDomAttribute("data-next-ready")) || browser.text("#item").contains("Nothing"));
            browser.keys(Integer.parseInt(item.substring(2)) % 3 == 0 ? "2" : "1");
            until(d -> !browser.itemOnScreen().equals(item));
        }
        // The outbox sends after the screen moved on: wait until the server holds all n, then until the page knows it.
        until(d -> answersBy(who) >= n);
        until(d -> browser.count("#pending:not([hidden])") == 0);
        browser.script("location.hash = '#/projects'");
    }

    static long answersBy(Login who) {
        try {
            return Fixtures.scalar(server.databaseUrl(), "select count(*) from answers where project_id = ? and annotator_id = ?", project, who.id());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertInert() {
        assertEquals(null, browser.script("return window.__xss === undefined ? null : window.__xss"), "no payload ran");
        assertEquals(0L, browser.script("return document.querySelectorAll('main img[src=\"x\"], main script').length"),
                "no payload became an element");
    }

    static void assertNoCspViolations() {
        assertEquals("[]", String.valueOf(browser.script("return JSON.stringify(window.__csp)")), "CSP violations");
    }

    @Test
    @Order(1)
    @DisplayName("the engineer sees progress move after two annotators label through the labeling screen")
    void progressMovesAfterLabeling() {
        logInAs(engineer);
        open("overview", 3);
        assertEquals("0", browser.text("#stat-answers-crowd"));
        assertEquals(List.of(0L, 0L), longs(chart("chart-progress").getJsonArray("series").getJsonObject(0).getJsonArray("data")));
        labelThroughTheUi(annotators.get(0), 4);
        labelThroughTheUi(annotators.get(1), 3);
        logInAs(engineer);
        open("overview", 3);
        until(d -> browser.text("#stat-answers-crowd").equals("7"));
        JsonObject progress = server.admin().get("/api/projects/" + project + "/progress").json().getJsonObject("tiers").getJsonObject("crowd");
        JsonArray series = chart("chart-progress").getJsonArray("series");
        assertEquals(progress.getLong("items_complete"), longs(series.getJsonObject(0).getJsonArray("data")).get(0));
        assertEquals(progress.getLong("items_in_progress"), longs(series.getJsonObject(1).getJsonArray("data")).get(0));
        assertTrue(progress.getLong("items_complete") >= 1, progress.encode());
        JsonObject throughput = server.admin().get("/api/projects/" + project + "/throughput").json();
        assertEquals(longs(throughput.getJsonObject("answers").getJsonArray("crowd")),
                longs(chart("chart-throughput").getJsonArray("series").getJsonObject(0).getJsonArray("data")));
        assertEquals(longs(throughput.getJsonObject("burndown").getJsonArray("items_left")),
                longs(chart("chart-burndown").getJsonArray("series").getJsonObject(0).getJsonArray("data")));
        assertEquals(7L, longs(throughput.getJsonObject("answers").getJsonArray("crowd")).stream().mapToLong(Long::longValue).sum());
        assertInert();
        browser.screenshot("console-overview");
    }

    @Test
    @Order(2)
    @DisplayName("every chart has a text alternative with its numbers, and user text stays inert in the page and in tooltips")
    void chartsHaveTextAlternativesAndInertText() {
        logInAs(engineer);
        check(server.admin().post("/api/projects/" + project + "/hardness/recompute", new JsonObject()), 200);
        for (String tab : new String[] {"overview", "annotators", "quality", "baselines", "hard-cases"}) {
            open(tab, 1);
            List<WebElement> figures = browser.driver.findElements(By.cssSelector("figure.chart"));
            for (WebElement f : figures) {
                assertNotNull(f.findElement(By.cssSelector(".chart-canvas")).getDomAttribute("aria-label"));
                WebElement table = f.findElement(By.cssSelector("table.chart-table"));
                int cells = table.findElements(By.cssSelector("tbody td")).size();
                assertTrue(cells > 0, f.getDomAttribute("id") + " has numbers in its table");
                assertTrue(table.getDomProperty("textContent").matches("(?s).*\\d.*"), f.getDomAttribute("id"));
            }
            assertTrue(browser.text("#analysis-title").contains("<script>window.__xss=1</script>"), "the project name shows as text");
            assertInert();
        }
        // a tooltip with a user's name: ECharts must not parse it as HTML
        open("annotators", 1);
        browser.script("const f = document.getElementById('chart-gold'); f.chartInstance.dispatchAction({type: 'showTip', seriesIndex: 1, dataIndex: 0});");
        until(d -> browser.count(".chart-tooltip .chart-tip") > 0);
        String tip = (String) browser.script("return document.querySelector('.chart-tooltip').innerHTML");
        assertTrue(tip.contains("Annotator") && tip.contains("&lt;img"), tip);
        assertInert();
        assertNoCspViolations();
    }

    @Test
    @Order(3)
    @DisplayName("the engineer pauses an annotator in the project from the table with the keyboard alone: their next task stops, and resumes")
    void pausesFromTheTableByKeyboard() {
        logInAs(engineer);
        open("annotators", 1);
        Login target = annotators.get(0);
        String button = "[data-user='" + target.id() + "'] button";
        until(d -> browser.count(button) == 1);
        // from the page title, Tab until the pause button has the focus, then Enter
        browser.find("#analysis-title").click();
        String focused = "return document.activeElement === document.querySelector(arguments[0])";
        for (int i = 0; i < 80 && !Boolean.TRUE.equals(browser.script(focused, button)); i++) {
            browser.keys(Keys.TAB);
        }
        assertEquals(Boolean.TRUE, browser.script(focused, button), "the pause button is reachable by Tab");
        assertTrue(browser.find(button).getText().contains("Pause"));
        browser.keys(Keys.ENTER);
        until(d -> memberPausedAt(target.id()) != null);
        until(d -> browser.find(button).getText().contains("Resume"));
        Http.Response next = nextTask(target);
        assertEquals(204, next.status(), next.toString());
        assertEquals("paused", next.header("Kappa-No-Task-Reason"));
        assertEquals("active", userStatus(target.id()), "the account itself stays active: the pause is this project's");
        pressEnter(button);
        until(d -> memberPausedAt(target.id()) == null);
        // the chart's numbers open with the keyboard too
        pressEnter("#chart-gold summary");
        until(d -> browser.find("#chart-gold table").isDisplayed());
        browser.screenshot("console-annotators");
    }

    /** Waits as Browser.until does, looking again when a re-render replaced an element between finding and reading it. */
    static <T> T until(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30))
                .pollingEvery(java.time.Duration.ofMillis(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Enter on an element that a re-render may replace between finding and typing. */
    static void pressEnter(String css) {
        for (int tries = 0; ; tries++) {
            try {
                browser.find(css).sendKeys(Keys.ENTER);
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (tries > 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    @Order(4)
    @DisplayName("the heatmap shows the pair's agreement, and a cell chosen by keyboard lists the items the two disagree on")
    void heatmapCellListsDisagreements() {
        logInAs(engineer);
        open("quality", 3);
        JsonObject matrix = server.admin().get("/api/projects/" + project + "/agreement/pairs?order=cluster&size=20").json();
        assertEquals(2, matrix.getInteger("n_annotators"));
        JsonObject cell = matrix.getJsonArray("cells").getJsonArray(0).getJsonObject(1);
        JsonArray drawn = chart("chart-heatmap").getJsonArray("series").getJsonObject(0).getJsonArray("data");
        assertTrue(drawn.stream().map(o -> (JsonArray) o).anyMatch(d -> d.getInteger(0) == 1 && d.getInteger(1) == 0
                && Math.abs(d.getDouble(2) - cell.getDouble("percent")) < 1e-12), drawn.encode());
        pressEnter("#chart-heatmap summary");
        until(d -> browser.find("#chart-heatmap table .cell-button").isDisplayed());
        pressEnter("#chart-heatmap table .cell-button");
        until(d -> browser.count("#disagreements h3") == 1);
        assertEquals(browser.find("#disagreements h3"), browser.driver.switchTo().activeElement(), "the list takes the focus");
        long disagreements = cell.getInteger("shared") - cell.getInteger("agree");
        assertTrue(browser.text("#disagreements h3").contains(disagreements + " disagreements"), browser.text("#disagreements h3"));
        assertEquals(disagreements, (long) browser.count("#disagreements li"));
        // the consensus browser shows an item as the annotators saw it
        pressEnter("#consensus-table button");
        until(d -> browser.count("#consensus-item .item-text") == 1);
        assertInert();
        browser.screenshot("console-quality");
    }

    @Test
    @Order(5)
    @DisplayName("the baseline chart draws exactly the API's numbers, people beside the model run on the same items")
    void baselineChartEqualsTheApi() {
        logInAs(engineer);
        open("baselines", 1);
        browser.find("#baseline-min-items").clear();
        browser.find("#baseline-min-items").sendKeys("1", Keys.ENTER);
        until(d -> chart("chart-baseline").getJsonArray("series").getJsonObject(1).getJsonArray("data").stream()
                .anyMatch(p -> ((JsonArray) p).getValue(0) != null));
        JsonObject report = server.admin().get("/api/projects/" + project + "/baselines?reference=gold&min_items=1").json();
        List<Object> expected = new ArrayList<>();
        List<Object> lows = new ArrayList<>();
        for (Object o : report.getJsonArray("tiers")) {
            JsonObject tier = (JsonObject) o;
            expected.add(tier.getJsonObject("macro_f1").getValue("value"));
            lows.add(ci(tier.getJsonObject("macro_f1"), 0));
            for (Object m : tier.getJsonArray("models")) {
                expected.add(((JsonObject) m).getJsonObject("macro_f1").getValue("value"));
                lows.add(ci(((JsonObject) m).getJsonObject("macro_f1"), 0));
            }
        }
        JsonArray series = chart("chart-baseline").getJsonArray("series");
        List<Object> drawn = new ArrayList<>();
        series.getJsonObject(1).getJsonArray("data").forEach(p -> drawn.add(((JsonArray) p).getValue(0)));
        List<Object> drawnLows = new ArrayList<>();
        series.getJsonObject(0).getJsonArray("data").forEach(p -> drawnLows.add(((JsonArray) p).getValue(0)));
        assertEquals(numbers(expected), numbers(drawn));
        assertEquals(numbers(lows), numbers(drawnLows));
        assertTrue(expected.size() >= 3, "crowd, expert and the run on the crowd's items: " + expected);
        assertTrue(browser.find("#chart-baseline table").getDomProperty("textContent").contains("bert <img"), "the run's name shows as text");
        assertInert();
        browser.screenshot("console-baselines");
    }

    @Test
    @Order(6)
    @DisplayName("the hard-case list shows signals as bars and reasons as chips; filters and the strategy switch work")
    void hardCaseList() {
        logInAs(engineer);
        open("hard-cases", 1);
        until(d -> browser.count("#hard-cases li") > 0);
        JsonObject api = server.admin().get("/api/projects/" + project + "/hard-cases?limit=50").json();
        assertEquals(api.getJsonArray("items").size(), browser.count("#hard-cases li"));
        String first = api.getJsonArray("items").getJsonObject(0).getJsonObject("item").getString("external_id");
        assertEquals(first, browser.find("#hard-cases li").getDomAttribute("data-item"), "hardest first, as the API ranks");
        assertEquals(5, browser.find("#hard-cases li").findElements(By.cssSelector("meter")).size());
        browser.find("#hard-filters select[name='model_wrong']").sendKeys("Model wrong");
        browser.find("#hard-filters button[type='submit']").click();
        long wrong = server.admin().get("/api/projects/" + project + "/hard-cases?limit=50&model_wrong=true").json().getJsonArray("items").size();
        until(d -> browser.count("#hard-cases li") == wrong);
        assertTrue(browser.find("#hard-export").getDomAttribute("href").contains("model_wrong=true"));
        browser.find("#queue-strategy").sendKeys("Hardness score");
        until(d -> "hardness".equals(server.admin().get("/api/projects/" + project + "/hardness").json().getString("strategy")));
        until(d -> browser.text("#queue-follows").contains("hardness score") && browser.text("#queue-follows").contains("run #"));
        assertInert();
        browser.screenshot("console-hard-cases");
    }

    static Object ci(JsonObject c, int side) {
        JsonArray ci = c.getJsonArray("ci");
        return ci == null ? null : ci.getValue(side);
    }

    static List<String> numbers(List<Object> values) {
        return values.stream().map(v -> v == null ? "null" : String.format("%.12f", ((Number) v).doubleValue())).toList();
    }

    /** The member's pause in the project, from the members list as a manager reads it. */
    static String memberPausedAt(long id) {
        JsonArray members = server.admin().get("/api/projects/" + project + "/members?limit=200").json().getJsonArray("members");
        for (int i = 0; i < members.size(); i++) {
            if (members.getJsonObject(i).getLong("user_id") == id) {
                return members.getJsonObject(i).getString("paused_at");
            }
        }
        throw new IllegalStateException("user " + id + " is no member");
    }

    static Http.Response nextTask(Login who) {
        Http.Response token = server.admin().post("/api/users/" + who.id() + "/tokens", new JsonObject().put("name", "test"));
        check(token, 201);
        return server.http().bearer(token.json().getString("token")).post("/api/projects/" + project + "/tasks/next", new JsonObject());
    }

    static String userStatus(long id) {
        JsonArray users = server.admin().get("/api/users?limit=200").json().getJsonArray("users");
        for (int i = 0; i < users.size(); i++) {
            if (users.getJsonObject(i).getLong("id") == id) {
                return users.getJsonObject(i).getString("status");
            }
        }
        return null;
    }
}
