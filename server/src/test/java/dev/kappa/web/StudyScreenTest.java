package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A baseline study on the labeling screen, by keyboard: phase line, training feedback, the kind words on failing. */
class StudyScreenTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    @DisplayName("training shows the correct label and explanation (inert text) after the answer; a failed qualification is told kindly")
    void trainingFeedbackAndFailedQualification() {
        Http admin = server.admin();
        long project = Fixtures.project(admin, Fixtures.schema("single", "pos", "Positive", "neg", "Negative"), "Decide.");
        StringBuilder jsonl = new StringBuilder();
        Map<String, String> gold = new HashMap<>();
        for (int i = 1; i <= 4; i++) {
            String g = i % 2 == 0 ? "pos" : "neg";
            gold.put("s" + i, g);
            jsonl.append(new JsonObject().put("external_id", "s" + i).put("data", new JsonObject().put("text", "Study item " + i))
                    .put("gold", g).put("meta", new JsonObject().put("explanation", "<b>Why</b>: item " + i + " is " + g)).encode()).append('\n');
        }
        assertEquals(200, admin.post("/api/projects/" + project + "/items", jsonl.toString(), "application/x-ndjson").status());
        Http.Response study = admin.post("/api/projects/" + project + "/baseline-studies", new JsonObject().put("name", "s")
                .put("tier", "crowd").put("training_n", 1).put("qualification_m", 1).put("measurement_k", 1).put("votes_v", 1)
                .put("pass_rule", "fixed").put("pass_accuracy", 1.0).put("seed", 3));
        assertEquals(201, study.status(), study.toString());
        Fixtures.Annotator ann = Fixtures.annotator(admin, project);

        try (Browser browser = Browser.open(server.port())) {
            browser.logIn(ann.email(), ann.password());
            browser.get("/#/label/" + project);
            browser.until(d -> !browser.itemOnScreen().isEmpty());
            assertEquals("Baseline study · Training 1 of 1", browser.text("#study-phase"));
            String first = browser.itemOnScreen();
            String wrong = "pos".equals(gold.get(first)) ? "2" : "1";
            browser.keys(wrong);
            browser.until(d -> browser.count(".study-feedback") == 1);
            String fb = browser.text(".study-feedback");
            assertTrue(fb.contains("Not quite."), fb);
            assertTrue(fb.contains("Correct answer: " + ("pos".equals(gold.get(first)) ? "Positive" : "Negative")), fb);
            assertTrue(fb.contains("<b>Why</b>: item"), "the explanation is shown as text, never as HTML: " + fb);
            assertEquals(0, browser.count(".study-feedback b"));
            assertEquals("study-continue", browser.driver.switchTo().activeElement().getAttribute("id"), "Continue has the focus");
            browser.screenshot("study-training-feedback");
            browser.keys(Keys.ENTER);
            browser.until(d -> !browser.itemOnScreen().isEmpty() && !browser.itemOnScreen().equals(first));
            assertEquals("Baseline study · Qualification 1 of 1", browser.text("#study-phase"));
            String second = browser.itemOnScreen();
            browser.keys("pos".equals(gold.get(second)) ? "2" : "1");
            browser.until(Duration.ofSeconds(20), d -> browser.text("#item").contains("did not reach this study's bar"));
            assertEquals(0, browser.count(".study-feedback"), "qualification gets no feedback");
            browser.screenshot("study-not-qualified");
        }
    }

    @Test
    @DisplayName("console: a study's phases and progress, its report card table ready to copy, and a new study planned with the Wilson planner")
    void consolePage() {
        Http admin = server.admin();
        long project = Fixtures.project(admin, Fixtures.schema("single", "pos", "Positive", "neg", "Negative"), "Decide.");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            jsonl.append(new JsonObject().put("external_id", "c" + i).put("data", new JsonObject().put("text", "Item " + i))
                    .put("gold", i % 3 == 0 ? "neg" : "pos").encode()).append('\n');
        }
        assertEquals(200, admin.post("/api/projects/" + project + "/items", jsonl.toString(), "application/x-ndjson").status());
        assertEquals(201, admin.post("/api/projects/" + project + "/baseline-studies", new JsonObject().put("name", "First <i>study</i>")
                .put("tier", "crowd").put("training_n", 2).put("qualification_m", 2).put("measurement_k", 4).put("votes_v", 2)).status());
        try (Browser browser = Browser.open(server.port())) {
            browser.logIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
            browser.get("/#/manage/" + project + "/studies");
            browser.until(d -> browser.count(".study-card") == 1);
            assertTrue(browser.text(".study-card h3").startsWith("First <i>study</i>"), "the name is inert text");
            assertTrue(browser.text(".study-progress").contains("Votes answered 0 of 8"), browser.text(".study-progress"));
            browser.find(".study-card button").click();
            browser.until(d -> browser.count(".study-copy") == 1);
            String md = browser.find(".study-copy").getDomProperty("value");
            assertTrue(md.startsWith("| Annotators | Accuracy (95% CI)") && md.contains("| Majority of 2 |"), md);
            browser.find(".study-form input[name=expected]").clear();
            browser.find(".study-form input[name=expected]").sendKeys("0.9");
            browser.find(".study-form input[name=half_width]").clear();
            browser.find(".study-form input[name=half_width]").sendKeys("0.15");
            browser.find(".study-form button[type=button]").click();
            browser.until(d -> browser.text(".study-form .hint").startsWith("n = "));
            String k = browser.find(".study-form input[name=measurement_k]").getDomProperty("value");
            assertEquals(String.valueOf(dev.kappa.stats.SampleSize.forWidth(0.9, 0.15, 0.95).n()), k);
            for (String name : new String[] {"training_n", "qualification_m"}) {
                browser.find(".study-form input[name=" + name + "]").clear();
                browser.find(".study-form input[name=" + name + "]").sendKeys("1");
            }
            browser.find(".study-form input[name=votes_v]").clear();
            browser.find(".study-form input[name=votes_v]").sendKeys("1");
            browser.find(".study-form button[type=submit]").click();
            // count() never holds an element across the page's re-render (no stale references).
            browser.until(d -> browser.count(".study-card") == 2 || browser.count(".study-form .error:not(:empty)") > 0);
            assertEquals(2, browser.count(".study-card"), "the form showed an error instead of the new study");
            browser.screenshot("study-console");
        }
    }
}
