package dev.kappa.study;

import dev.kappa.support.Datasets;
import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study end to end through the API on a real crowd set (crowd_duck: 108 images, 39 workers who each labeled every
 * image, published truth as gold). Eight test annotators stand for eight of its workers and answer every task with
 * that worker's real vote; a ninth worker's votes stand for a model run. The report card is then recomputed in Python
 * (scikit-learn for the metrics, numpy for an independent bootstrap) from what the annotators sent.
 */
class StudyDatasetTest {
    private static final String[] KEYS = {"no", "yes"};

    @Test
    @DisplayName("crowd_duck: train, qualify by the median, measure 30 items x 3 votes; the report card matches Python")
    void duckStudy() {
        Map<String, Map<String, String>> votes = new LinkedHashMap<>();
        for (String[] r : Datasets.rows("crowd_duck/answer.csv", ",").subList(1, Datasets.rows("crowd_duck/answer.csv", ",").size())) {
            votes.computeIfAbsent(r[1], w -> new HashMap<>()).put(r[0], KEYS[Integer.parseInt(r[2])]);
        }
        Map<String, String> truth = new LinkedHashMap<>();
        for (String[] r : Datasets.rows("crowd_duck/truth.csv", ",").subList(1, Datasets.rows("crowd_duck/truth.csv", ",").size())) {
            truth.put(r[0], KEYS[Integer.parseInt(r[1])]);
        }
        List<String> workers = new ArrayList<>(votes.keySet()).subList(0, 9);
        try (TestServer server = TestServer.start()) {
            Http admin = server.admin();
            JsonArray labels = new JsonArray().add(new JsonObject().put("key", "no").put("name", "No duck"))
                    .add(new JsonObject().put("key", "yes").put("name", "Duck"));
            Http.Response p = admin.post("/api/projects", new JsonObject().put("name", "Ducks").put("schema",
                    new JsonObject().put("kind", "single").put("labels", labels)).put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
            assertEquals(201, p.status(), p.toString());
            long pid = p.json().getLong("id");
            StringBuilder jsonl = new StringBuilder();
            truth.forEach((q, t) -> jsonl.append(new JsonObject().put("external_id", q).put("data", new JsonObject().put("text", "image " + q))
                    .put("gold", t).put("meta", new JsonObject().put("explanation", "The published truth for image " + q + " is " + t + "."))
                    .encode()).append('\n'));
            assertEquals(200, admin.post("/api/projects/" + pid + "/items", jsonl.toString(), "application/x-ndjson").status());
            String modelWorker = workers.get(8);
            server.kappa().db().inTx(tx -> {
                long run = tx.resultQuery("INSERT INTO model_runs (project_id, model, version) VALUES (?, 'worker-as-model', ?) RETURNING id",
                        pid, modelWorker).fetchOne(0, Long.class);
                votes.get(modelWorker).forEach((q, label) -> tx.execute("INSERT INTO predictions (project_id, run_id, item_id, label) "
                        + "SELECT ?, ?, id, to_jsonb(?::text) FROM items WHERE project_id = ? AND external_id = ?", pid, run, label, pid, q));
                return null;
            });
            Http.Response created = admin.post("/api/projects/" + pid + "/baseline-studies", new JsonObject().put("name", "Duck crowd")
                    .put("tier", "crowd").put("training_n", 3).put("qualification_m", 10).put("measurement_k", 30).put("votes_v", 3)
                    .put("pass_rule", "median").put("qualification_quorum", 8).put("sampling", "stratified").put("seed", 2019)
                    .put("pay", new JsonObject().put("unit", "hour").put("amount", 12).put("currency", "USD")));
            assertEquals(201, created.status(), created.toString());
            long sid = created.json().getLong("id");

            List<Users.Created> people = new ArrayList<>();
            for (int a = 0; a < 8; a++) {
                Users.Created u = server.user("annotator", "crowd");
                Projects.addMember(server, pid, u.id());
                people.add(u);
            }
            // Round robin, four tasks a turn, until nobody gets a study task; answers are the workers' real votes.
            StringBuilder sent = new StringBuilder();
            boolean[] done = new boolean[8];
            int[] clock = {0};
            for (int round = 0; round < 200 && !allTrue(done); round++) {
                for (int a = 0; a < 8; a++) {
                    if (done[a]) {
                        continue;
                    }
                    for (int t = 0; t < 4; t++) {
                        Http.Response r = people.get(a).http().post("/api/projects/" + pid + "/tasks/next", new JsonObject());
                        if (r.status() == 204 && "study_waiting".equals(r.header("Kappa-No-Task-Reason"))) {
                            break;
                        }
                        if (r.status() == 204 || !r.json().containsKey("study")) {
                            if (r.status() == 200) {
                                people.get(a).http().post("/api/leases/" + r.json().getString("lease_id") + "/release", new JsonObject());
                            }
                            done[a] = true;
                            break;
                        }
                        JsonObject task = r.json();
                        String q = task.getJsonObject("item").getString("external_id");
                        String phase = task.getJsonObject("study").getString("phase");
                        String label = votes.get(workers.get(a)).get(q);
                        int ms = 2000 + (clock[0]++ * 7919) % 7000;
                        Http.Response ans = people.get(a).http().post("/api/leases/" + task.getString("lease_id") + "/answer",
                                new JsonObject().put("label", label).put("duration_ms", ms));
                        assertEquals(201, ans.status(), ans.toString());
                        sent.append(String.join(" ", phase, q, "a" + a, label, truth.get(q), String.valueOf(ms))).append('\n');
                    }
                }
            }
            assertTrue(allTrue(done), "every annotator reached the end of the study");
            StringBuilder model = new StringBuilder();
            votes.get(modelWorker).forEach((q, label) -> model.append("model ").append(q).append(' ').append(label).append('\n'));
            JsonObject report = admin.get("/api/projects/" + pid + "/baseline-studies/" + sid + "/report?resamples=2000&seed=5").json();
            compare(report, Python.run(CHECK, sent.toString() + model));
            String md = admin.get("/api/projects/" + pid + "/baseline-studies/" + sid + "/report?format=markdown").body();
            assertTrue(md.contains("Majority of 3") && md.contains("worker-as-model"), md);
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    /** Prints name value lines from the answers sent (phase item annotator label gold ms) and the model's votes. */
    private static final String CHECK = """
            import sys
            import numpy as np
            from sklearn.metrics import accuracy_score, f1_score
            rows, model = [], {}
            for line in sys.stdin:
                w = line.split()
                if w[0] == 'model':
                    model[w[1]] = w[2]
                else:
                    rows.append(w)
            out = {}
            qual = {}
            for ph, q, a, lab, gold, ms in rows:
                if ph == 'qualification':
                    qual.setdefault(a, []).append(lab == gold)
            scores = np.array(sorted(np.mean(v) for v in qual.values()))
            med = np.median(scores)
            out['scores_n'] = len(scores); out['q1'] = np.percentile(scores, 25); out['median'] = med
            out['q3'] = np.percentile(scores, 75); out['qualified'] = int(np.sum(scores >= med - 1e-12))
            m = [r for r in rows if r[0] == 'measurement']
            y = [r[4] for r in m]; p = [r[3] for r in m]
            out['single_acc'] = accuracy_score(y, p); out['single_f1'] = f1_score(y, p, average='macro')
            items = sorted({r[1] for r in m})
            gold = {r[1]: r[4] for r in m}
            maj = {}
            for q in items:
                ls = [r[3] for r in m if r[1] == q]
                c = {l: ls.count(l) for l in set(ls)}
                top = max(c.values())
                best = [l for l in c if c[l] == top]
                maj[q] = best[0] if len(best) == 1 else 'tie'
            yy = [gold[q] for q in items]; pp = [maj[q] for q in items]
            out['majority_acc'] = accuracy_score(yy, pp)
            out['majority_f1'] = f1_score(yy, pp, labels=sorted(set(yy) | (set(pp) - {'tie'})), average='macro')
            mi = [q for q in items if q in model]
            macc = np.mean([model[q] == gold[q] for q in mi])
            out['model_acc'] = macc
            out['model_minus_majority'] = macc - np.mean([maj[q] == gold[q] for q in mi])
            ms_ = [r for r in m if r[1] in set(mi)]
            out['model_minus_single'] = macc - np.mean([r[3] == r[4] for r in ms_])
            out['median_seconds'] = np.median([int(r[5]) / 1000 for r in m])
            out['cost'] = 12 * sum(int(r[5]) for r in rows) / 1000 / 3600
            out['answers'] = len(rows)
            # Independent one-way bootstraps (numpy's generator, not Java's): items only and annotators only.
            rng = np.random.default_rng(12345)
            ann = sorted({r[2] for r in m}); ai = {a: i for i, a in enumerate(ann)}; ii = {q: i for i, q in enumerate(items)}
            it = np.array([ii[r[1]] for r in m]); an = np.array([ai[r[2]] for r in m]); ok = np.array([r[3] == r[4] for r in m], float)
            mok = np.array([maj[q] == gold[q] for q in items], float)
            si, sa, mj = [], [], []
            for b in range(2000):
                wi = np.bincount(rng.integers(0, len(items), len(items)), minlength=len(items))
                wa = np.bincount(rng.integers(0, len(ann), len(ann)), minlength=len(ann))
                si.append((wi[it] * ok).sum() / wi[it].sum())
                if wa[an].sum() > 0:
                    sa.append((wa[an] * ok).sum() / wa[an].sum())
                mj.append((wi * mok).sum() / wi.sum())
            from scipy.stats import t as student
            # Single accuracy: items-only + annotators-only variance, the answer noise p(1-p)/N taken out with the
            # centred-sum bias of workload shares w (B = S2 - 2 S3 + S2^2), t with Satterthwaite df.
            p0 = ok.mean(); N = len(ok)
            vi, va = np.var(si, ddof=1), np.var(sa, ddof=1)
            w = np.bincount(an) / N; S2 = (w ** 2).sum(); S3 = (w ** 3).sum(); B = S2 - 2 * S3 + S2 ** 2
            sigma2 = max(0.0, va - p0 * (1 - p0) / N * (1 - S2)) / B
            v = vi + sigma2 * S2
            gi = N ** 2 / (np.bincount(it) ** 2).sum()
            df = max(1, v * v / (vi * vi / (gi - 1) + (S2 / B * va) ** 2 / (1 / S2 - 1)))
            h = student.ppf(0.975, df) * v ** 0.5
            out['single_lo'], out['single_hi'] = max(0, p0 - h), min(1, p0 + h)
            # Majority: items-only variance of the majorities plus sigma2 times the shared-voter term: every vote's
            # effect on its item's majority (others + the right label against others + the other label), per item 1/K.
            K = len(items); byq = {}
            for r in m:
                byq.setdefault(r[1], []).append((r[2], r[3]))
            def right(ls, g):
                c = {l: ls.count(l) for l in set(ls)}
                top = max(c.values())
                return [l for l in c if c[l] == top] == [g]
            H = {}; diag = 0.0
            for q in items:
                vs = byq[q]; g = gold[q]; other = [x for x in ('no', 'yes') if x != g][0]
                for j, (a, lab) in enumerate(vs):
                    rest = [l for jj, (aa, l) in enumerate(vs) if jj != j]
                    hx = (right(rest + [g], g) - right(rest + [other], g)) / K
                    H[a] = H.get(a, 0.0) + hx; diag += hx * hx
            pairs = sum(x * x for x in H.values()) - diag
            vm = np.var(mj, ddof=1); m0 = mok.mean()
            vmaj = max(vm, vm + sigma2 * pairs)
            dfm = max(1, vmaj * vmaj / (vm * vm / (K - 1) + (abs(pairs) / B * va) ** 2 / (1 / S2 - 1)))
            hm = student.ppf(0.975, dfm) * vmaj ** 0.5
            out['majority_lo'], out['majority_hi'] = max(0, m0 - hm), min(1, m0 + hm)
            out['majority_items_lo'], out['majority_items_hi'] = np.percentile(mj, [2.5, 97.5])
            for k, v in out.items():
                print(k, repr(float(v)))
            """;

    private static void compare(JsonObject report, String python) {
        Map<String, Double> x = new HashMap<>();
        for (String line : python.trim().split("\n")) {
            String[] f = line.trim().split(" ");
            x.put(f[0], Double.parseDouble(f[1]));
        }
        JsonObject scores = report.getJsonObject("annotators").getJsonObject("qualification_scores");
        assertEquals(x.get("scores_n"), scores.getInteger("n").doubleValue());
        assertEquals(x.get("q1"), scores.getDouble("q1"), 1e-12);
        assertEquals(x.get("median"), scores.getDouble("median"), 1e-12);
        assertEquals(x.get("q3"), scores.getDouble("q3"), 1e-12);
        assertEquals(x.get("median"), scores.getDouble("threshold"), 1e-12);
        assertEquals(x.get("qualified"), report.getJsonObject("annotators").getInteger("qualified").doubleValue());
        assertEquals(x.get("single_acc"), fig(report, "single", "accuracy").getDouble("value"), 1e-12);
        assertEquals(x.get("single_f1"), fig(report, "single", "macro_f1").getDouble("value"), 1e-12);
        assertEquals(x.get("majority_acc"), fig(report, "majority", "accuracy").getDouble("value"), 1e-12);
        assertEquals(x.get("majority_f1"), fig(report, "majority", "macro_f1").getDouble("value"), 1e-12);
        JsonObject m = report.getJsonArray("models").getJsonObject(0);
        assertEquals(x.get("model_acc"), m.getJsonObject("accuracy").getDouble("value"), 1e-12);
        assertEquals(x.get("model_minus_majority"), m.getJsonObject("minus_majority").getDouble("value"), 1e-12);
        assertEquals(x.get("model_minus_single"), m.getJsonObject("minus_single").getDouble("value"), 1e-12);
        assertEquals(x.get("median_seconds"), report.getJsonObject("protocol").getDouble("median_seconds_per_item"), 1e-9);
        assertEquals(x.get("cost"), report.getJsonObject("cost").getDouble("total"), 1e-9);
        assertEquals(x.get("answers"), report.getJsonObject("cost").getInteger("answers").doubleValue());
        // Two independent bootstraps (different generators, 2,000 resamples each) agree to Monte Carlo error.
        assertEquals(x.get("single_lo"), fig(report, "single", "accuracy").getDouble("lower"), 0.02);
        assertEquals(x.get("single_hi"), fig(report, "single", "accuracy").getDouble("upper"), 0.02);
        assertEquals(x.get("majority_lo"), fig(report, "majority", "accuracy").getDouble("lower"), 0.02);
        assertEquals(x.get("majority_hi"), fig(report, "majority", "accuracy").getDouble("upper"), 0.02);
        JsonObject itemsOnly = report.getJsonObject("items_only_intervals").getJsonObject("majority_accuracy");
        assertEquals(x.get("majority_items_lo"), itemsOnly.getDouble("lower"), 0.02);
        assertEquals(x.get("majority_items_hi"), itemsOnly.getDouble("upper"), 0.02);
    }

    private static JsonObject fig(JsonObject report, String who, String metric) {
        return report.getJsonObject(who).getJsonObject(metric);
    }
}
