package dev.kappa.study;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A study through the real API with a small simulated crowd: phases, feedback, qualification, blindness, report. */
class StudyApiTest {
    @RegisterExtension
    private static final TestServer server = TestServer.perClass();

    /** 20 items; the first 16 carry gold (pos on even seq, neg on odd) and an explanation in meta. */
    static long project(Map<String, String> gold) {
        long pid = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, pid, 20, 0);
        server.kappa().db().inTx(tx -> tx.execute("""
                UPDATE items SET gold = to_jsonb(CASE WHEN seq % 2 = 0 THEN 'pos' ELSE 'neg' END),
                                 meta = jsonb_build_object('explanation', 'Because of item ' || external_id)
                WHERE project_id = ? AND seq <= 16""", pid));
        server.kappa().db().inTx(tx -> {
            tx.resultQuery("SELECT external_id, gold #>> '{}' FROM items WHERE project_id = ? AND gold IS NOT NULL", pid)
                    .fetch().forEach(r -> gold.put(r.get(0, String.class), r.get(1, String.class)));
            return null;
        });
        return pid;
    }

    static JsonObject body(int n, int m, int k, int v) {
        return new JsonObject().put("name", "crowd baseline").put("tier", "crowd").put("training_n", n).put("qualification_m", m)
                .put("measurement_k", k).put("votes_v", v).put("pass_rule", "fixed").put("pass_accuracy", 0.75)
                .put("sampling", "stratified").put("seed", 7).put("pay", new JsonObject().put("unit", "item").put("amount", 0.5).put("currency", "USD"));
    }

    static Users.Created annotator(long pid) {
        Users.Created a = server.user("annotator", "crowd");
        Projects.addMember(server, pid, a.id());
        return a;
    }

    record Step(String phase, String externalId, String leaseId, String label) {
    }

    /** Takes study tasks until the study gives none; wrongOn decides which answers are wrong. */
    static List<Step> work(Users.Created a, long pid, Map<String, String> gold, java.util.function.BiPredicate<String, String> wrongOn,
                           List<String> reasons) {
        List<Step> steps = new ArrayList<>();
        for (int guard = 0; guard < 100; guard++) {
            Http.Response r = a.http().post("/api/projects/" + pid + "/tasks/next", new JsonObject());
            if (r.status() == 204) {
                reasons.add(r.header("Kappa-No-Task-Reason"));
                return steps;
            }
            assertEquals(200, r.status(), r.toString());
            JsonObject task = r.json();
            if (!task.containsKey("study")) {
                reasons.add("project-queue");
                a.http().post("/api/leases/" + task.getString("lease_id") + "/release", new JsonObject());
                return steps;
            }
            assertNull(task.getValue("prediction"), "study tasks are blind");
            String x = task.getJsonObject("item").getString("external_id");
            String phase = task.getJsonObject("study").getString("phase");
            String right = gold.get(x);
            String label = wrongOn.test(phase, x) ? ("pos".equals(right) ? "neg" : "pos") : right;
            Http.Response ans = a.http().post("/api/leases/" + task.getString("lease_id") + "/answer",
                    new JsonObject().put("label", label).put("duration_ms", 2000));
            assertEquals(201, ans.status(), ans.toString());
            steps.add(new Step(phase, x, task.getString("lease_id"), label));
        }
        throw new AssertionError("the study never ended");
    }

    @Test
    @DisplayName("phases in turn, feedback after training only, the weak are kept out and told once, V votes per item, the report matches an independent computation")
    void studyEndToEnd() {
        Map<String, String> gold = new HashMap<>();
        long pid = project(gold);
        Http.Response created = server.admin().post("/api/projects/" + pid + "/baseline-studies", body(2, 4, 6, 2));
        assertEquals(201, created.status(), created.toString());
        long sid = created.json().getLong("id");
        assertEquals("running", created.json().getString("status"));
        assertEquals(12, created.json().getJsonObject("progress").getInteger("votes_needed"));
        // A model run predicting "pos" everywhere, for the paired difference.
        server.kappa().db().inTx(tx -> {
            long run = tx.resultQuery("INSERT INTO model_runs (project_id, model, version) VALUES (?, 'always-pos', 'v1') RETURNING id", pid).fetchOne(0, Long.class);
            return tx.execute("INSERT INTO predictions (project_id, run_id, item_id, label) SELECT project_id, ?, id, '\"pos\"' FROM items WHERE project_id = ?", run, pid);
        });

        Users.Created s1 = annotator(pid);
        Users.Created s2 = annotator(pid);
        Users.Created s3 = annotator(pid);
        Users.Created weak = annotator(pid);
        List<String> reasons = new ArrayList<>();

        // Strong annotator 1: the first training task, checked for feedback, replay and blindness before moving on.
        Http.Response first = s1.http().post("/api/projects/" + pid + "/tasks/next", new JsonObject());
        JsonObject t1 = first.json();
        assertEquals("training", t1.getJsonObject("study").getString("phase"));
        assertEquals(1, t1.getJsonObject("study").getInteger("position"));
        String lease = t1.getString("lease_id");
        assertEquals(409, s1.http().get("/api/leases/" + lease + "/feedback").status(), "no feedback before the answer");
        String x1 = t1.getJsonObject("item").getString("external_id");
        String wrong = "pos".equals(gold.get(x1)) ? "neg" : "pos";
        JsonObject answer = new JsonObject().put("label", wrong).put("duration_ms", 1500);
        assertEquals(201, s1.http().post("/api/leases/" + lease + "/answer", answer).status());
        Http.Response replay = s1.http().post("/api/leases/" + lease + "/answer", answer);
        assertEquals(200, replay.status(), "a retried study answer is replayed, not duplicated");
        assertTrue(replay.json().getBoolean("replayed"));
        Http.Response fb = s1.http().get("/api/leases/" + lease + "/feedback");
        assertEquals(200, fb.status(), fb.toString());
        assertEquals(gold.get(x1), fb.json().getString("correct_label"));
        assertEquals(wrong, fb.json().getString("your_label"));
        assertFalse(fb.json().getBoolean("correct"));
        assertEquals("Because of item " + x1, fb.json().getString("explanation"));
        assertEquals(404, s2.http().get("/api/leases/" + lease + "/feedback").status(), "only the holder sees feedback");

        List<Step> a1 = work(s1, pid, gold, (phase, x) -> false, reasons);
        // s2 errs on every third measurement item; s3 always right; weak always wrong in qualification.
        List<Step> a2 = work(s2, pid, gold, (phase, x) -> "measurement".equals(phase) && Integer.parseInt(x.substring(1)) % 3 == 0, reasons);
        List<Step> aw = work(weak, pid, gold, (phase, x) -> !"training".equals(phase), reasons);
        List<Step> a3 = work(s3, pid, gold, (phase, x) -> false, reasons);

        assertEquals(List.of("training", "qualification", "qualification", "qualification", "qualification",
                "measurement", "measurement", "measurement", "measurement", "measurement", "measurement"),
                a1.stream().map(Step::phase).toList(), "s1: the second training item, then 4 qualification, then 6 votes");
        Step qual = a1.get(1);
        assertEquals(409, s1.http().get("/api/leases/" + qual.leaseId() + "/feedback").status(), "qualification stays blind");
        assertTrue(aw.stream().noneMatch(s -> s.phase().equals("measurement")), "the weak annotator gets no measurement task");
        assertEquals("study_not_qualified", reasons.get(2), "told once, kindly: " + reasons);
        Http.Response after = weak.http().post("/api/projects/" + pid + "/tasks/next", new JsonObject());
        assertTrue(after.status() == 204 && !"study_not_qualified".equals(after.header("Kappa-No-Task-Reason"))
                || after.status() == 200 && !after.json().containsKey("study"), "after being told, the project's own queue serves: " + after);
        assertTrue(a3.stream().noneMatch(s -> s.phase().equals("measurement")), "every item had its 2 votes before s3 qualified");

        // Nobody sees an item twice; every measurement item got exactly V = 2 votes.
        Map<String, Integer> votes = new HashMap<>();
        for (List<Step> steps : List.of(a1, a2, a3)) {
            Set<String> seen = new HashSet<>();
            for (Step s : steps) {
                assertTrue(seen.add(s.externalId()), "an item twice for one annotator: " + s);
                if (s.phase().equals("measurement")) {
                    votes.merge(s.externalId(), 1, Integer::sum);
                }
            }
        }
        assertEquals(6, votes.size());
        assertTrue(votes.values().stream().allMatch(v -> v == 2), votes.toString());

        JsonObject study = server.admin().get("/api/projects/" + pid + "/baseline-studies/" + sid).json();
        JsonObject progress = study.getJsonObject("progress");
        assertEquals(4, progress.getInteger("recruited"));
        assertEquals(3, progress.getInteger("qualified"));
        assertEquals(1, progress.getInteger("not_qualified"));
        assertEquals(2, progress.getInteger("participating"));
        assertEquals(12, progress.getInteger("votes_answered"));
        assertEquals(6, progress.getInteger("items_complete"));

        JsonObject report = server.admin().get("/api/projects/" + pid + "/baseline-studies/" + sid + "/report?resamples=500").json();
        checkReport(report, gold, List.of(a1, a2));
        String md = server.admin().get("/api/projects/" + pid + "/baseline-studies/" + sid + "/report?format=markdown").body();
        assertTrue(md.contains("| Majority of 2 |"), md);
        assertTrue(md.contains("always-pos v1"), md);
        String tex = server.admin().get("/api/projects/" + pid + "/baseline-studies/" + sid + "/report?format=latex").body();
        assertTrue(tex.contains("\\begin{tabular}") && tex.contains("Majority of 2"), tex);

        Http.Response stopped = server.admin().patch("/api/projects/" + pid + "/baseline-studies/" + sid, new JsonObject().put("status", "stopped"));
        assertEquals("stopped", stopped.json().getString("status"));
        assertEquals(1, server.admin().get("/api/projects/" + pid + "/baseline-studies").json().getJsonArray("studies").size());
    }

    /** The report against sums done here and scikit-learn's accuracy and macro-F1. */
    static void checkReport(JsonObject report, Map<String, String> gold, List<List<Step>> annotators) {
        List<String[]> answers = new ArrayList<>();
        Map<String, Map<String, Integer>> byItem = new HashMap<>();
        for (List<Step> steps : annotators) {
            for (Step s : steps) {
                if (s.phase().equals("measurement")) {
                    answers.add(new String[] {s.externalId(), s.label()});
                    byItem.computeIfAbsent(s.externalId(), x -> new HashMap<>()).merge(s.label(), 1, Integer::sum);
                }
            }
        }
        StringBuilder in = new StringBuilder("single\n");
        for (String[] a : answers) {
            in.append(gold.get(a[0])).append(' ').append(a[1]).append('\n');
        }
        in.append("majority\n");
        double modelRight = 0;
        for (var e : byItem.entrySet()) {
            int top = e.getValue().values().stream().max(Integer::compare).orElseThrow();
            List<String> best = e.getValue().entrySet().stream().filter(x -> x.getValue() == top).map(Map.Entry::getKey).toList();
            in.append(gold.get(e.getKey())).append(' ').append(best.size() == 1 ? best.get(0) : "tie").append('\n');
            modelRight += "pos".equals(gold.get(e.getKey())) ? 1 : 0;
        }
        String out = Python.run("""
                import sys
                from sklearn.metrics import accuracy_score, f1_score
                groups = {}
                key = None
                for line in sys.stdin:
                    w = line.split()
                    if len(w) == 1:
                        key = w[0]; groups[key] = ([], [])
                    else:
                        groups[key][0].append(w[0]); groups[key][1].append(w[1])
                for k in ('single', 'majority'):
                    y, p = groups[k]
                    labels = sorted(set(y) | (set(p) - {'tie'}))
                    print(repr(accuracy_score(y, p)), repr(f1_score(y, p, labels=labels, average='macro')))
                """, in.toString());
        String[] lines = out.trim().split("\n");
        String[] single = lines[0].split(" ");
        String[] majority = lines[1].split(" ");
        assertEquals(Double.parseDouble(single[0]), report.getJsonObject("single").getJsonObject("accuracy").getDouble("value"), 1e-12);
        assertEquals(Double.parseDouble(single[1]), report.getJsonObject("single").getJsonObject("macro_f1").getDouble("value"), 1e-12);
        assertEquals(Double.parseDouble(majority[0]), report.getJsonObject("majority").getJsonObject("accuracy").getDouble("value"), 1e-12);
        assertEquals(Double.parseDouble(majority[1]), report.getJsonObject("majority").getJsonObject("macro_f1").getDouble("value"), 1e-12);
        for (String f : new String[] {"single", "majority"}) {
            JsonObject acc = report.getJsonObject(f).getJsonObject("accuracy");
            assertTrue(acc.getDouble("lower") <= acc.getDouble("value") + 1e-12 && acc.getDouble("value") <= acc.getDouble("upper") + 1e-12, f + " " + acc);
        }
        JsonArray models = report.getJsonArray("models");
        assertEquals(1, models.size());
        JsonObject m = models.getJsonObject(0);
        double modelAcc = modelRight / byItem.size();
        assertEquals(modelAcc, m.getJsonObject("accuracy").getDouble("value"), 1e-12);
        assertEquals(modelAcc - Double.parseDouble(majority[0]), m.getJsonObject("minus_majority").getDouble("value"), 1e-12);
        assertEquals(modelAcc - Double.parseDouble(single[0]), m.getJsonObject("minus_single").getDouble("value"), 1e-12);
        assertEquals(byItem.size(), m.getInteger("items"));
        JsonObject cost = report.getJsonObject("cost");
        int allAnswers = cost.getInteger("answers");
        assertEquals(allAnswers * 0.5, cost.getDouble("total"), 1e-9, "per-item pay times every study answer");
        assertEquals(cost.getDouble("total") / (100 * Double.parseDouble(majority[0])), cost.getDouble("per_accuracy_point"), 1e-9);
        assertEquals(2.0, report.getJsonObject("protocol").getDouble("median_seconds_per_item"), 1e-9);
        JsonObject scores = report.getJsonObject("annotators").getJsonObject("qualification_scores");
        assertEquals(4, scores.getInteger("n"));
        assertEquals(0.0, scores.getDouble("min"), 1e-12);
        assertEquals(1.0, scores.getDouble("max"), 1e-12);
        assertEquals(0.75, scores.getDouble("threshold"), 1e-12);
        assertEquals(String.format(Locale.ROOT, "%d", 3), String.valueOf(report.getJsonObject("annotators").getInteger("qualified")));
    }

    @Test
    @DisplayName("bad input gets a 4xx problem naming the field: NUL bytes, huge numbers, foreign ids, too few items, wrong role")
    void badInput() {
        Map<String, String> gold = new HashMap<>();
        long pid = project(gold);
        String path = "/api/projects/" + pid + "/baseline-studies";
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("name", "a\u0000b")), 422, "name");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("training_n", 1e300)), 422, "training_n");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("votes_v", 2.5)), 422, "votes_v");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("seed", 1e30)), 422, "seed");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("tier", "gold")), 422, "tier");
        assertField(server.admin().post(path, body(2, 2, 2, 2).putNull("pass_accuracy")), 422, "pass_accuracy");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("pay", new JsonObject().put("unit", "week").put("amount", 1))), 422, "pay.unit");
        assertField(server.admin().post(path, body(2, 2, 2, 2).put("pay", new JsonObject().put("unit", "hour").put("amount", -1))), 422, "pay.amount");
        assertField(server.admin().post(path, body(8, 8, 8, 2)), 422, "measurement_k");
        assertField(server.admin().post(path, "[1]", "application/json"), 400, "body");
        assertEquals(404, server.admin().post("/api/projects/987654321/baseline-studies", body(2, 2, 2, 2)).status());
        assertEquals(404, server.admin().get(path + "/987654321").status());
        Users.Created a = annotator(pid);
        assertEquals(403, a.http().post(path, body(2, 2, 2, 2)).status());
        long sid = server.admin().post(path, body(2, 2, 2, 2)).json().getLong("id");
        long other = project(new HashMap<>());
        assertEquals(404, server.admin().get("/api/projects/" + other + "/baseline-studies/" + sid).status(), "a study id of another project");
        assertEquals(404, server.admin().get("/api/projects/" + other + "/baseline-studies/" + sid + "/report").status());
        assertField(server.admin().get(path + "/" + sid + "/report?format=xml"), 400, "format");
        assertField(server.admin().get(path + "/" + sid + "/report?seed=99999999999999999999"), 400, "seed");
        assertField(server.admin().patch(path + "/" + sid, new JsonObject().put("status", "paused")), 422, "status");
        assertEquals(404, a.http().get("/api/leases/" + pid + ".00000000-0000-0000-0000-000000000000/feedback").status());
        assertField(server.admin().get("/api/sample-size?expected=2&half_width=0.03"), 400, "expected");
        assertField(server.admin().get("/api/sample-size?expected=0.8&half_width=abc"), 400, "half_width");
        assertField(server.admin().get("/api/sample-size?expected=0.8&half_width=1e400"), 400, "half_width");
        assertField(server.admin().get("/api/sample-size?expected=0.8&paired=true&difference=0"), 400, "difference");
        assertField(server.admin().get("/api/sample-size?expected=0.8&paired=true&difference=0.1&discordance=0.05"), 400, "discordance");
        assertField(server.admin().get("/api/sample-size?metric=f1%00&expected=0.8&half_width=0.03"), 400, "metric");
        JsonObject plan = server.admin().get("/api/sample-size?metric=accuracy&expected=0.8&half_width=0.03&level=0.95").json();
        assertNotNull(plan.getInteger("n"));
        assertTrue(plan.getDouble("achieved_half_width") <= 0.03);
    }

    static void assertField(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.toString());
        assertEquals(field, r.json().getString("field"), r.toString());
    }
}
