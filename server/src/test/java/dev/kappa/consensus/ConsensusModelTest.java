package dev.kappa.consensus;

import dev.kappa.support.Datasets;
import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: GET /consensus/model?method=dawid-skene against the 1979 paper (A. P. Dawid and A. M. Skene, Applied
 * Statistics 28(1)): Table 2's error rates and marginals, and against an EM written here from the paper's equations
 * (2.3)-(2.5), independent of dev.kappa.stats.
 */
class ConsensusModelTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static long project;
    static int[][][] counts = new int[45][5][4];

    @BeforeAll
    static void setUp() {
        Http admin = server.admin();
        JsonArray labels = new JsonArray();
        for (int k = 1; k <= 4; k++) {
            labels.add(new JsonObject().put("key", String.valueOf(k)));
        }
        project = admin.post("/api/projects", new JsonObject().put("name", "anaesthesia 1979")
                .put("schema", new JsonObject().put("kind", "rating").put("labels", labels))).json().getLong("id");
        StringBuilder items = new StringBuilder("external_id,text\n");
        for (int i = 1; i <= 45; i++) {
            items.append("patient-").append(i).append(",patient ").append(i).append('\n');
        }
        assertEquals(200, admin.post("/api/projects/" + project + "/items", items.toString(), "text/csv").status());
        StringBuilder answers = new StringBuilder("item,annotator,label\n");
        List<String[]> rows = Datasets.rows("dawid_skene_1979/anaesthesia_table1.csv", ",");
        for (String[] r : rows.subList(1, rows.size())) {
            answers.append("patient-").append(r[0]).append(",ds79-observer-").append(r[1]).append(',').append(r[3]).append('\n');
            counts[Integer.parseInt(r[0]) - 1][Integer.parseInt(r[1]) - 1][Integer.parseInt(r[3]) - 1]++;
        }
        // Observer 1 saw each patient three times: the import keeps the repeats, as the paper's model needs.
        Http.Response r = admin.post("/api/projects/" + project + "/answers/import?tier=crowd&fill_slots=false", answers.toString(), "text/csv");
        assertEquals(200, r.status(), r.body());
        assertEquals(315, r.json().getInteger("answers"));
    }

    static JsonObject model() {
        Http.Response r = server.admin().get("/api/projects/" + project + "/consensus/model?method=dawid-skene&tolerance=1e-10&max_iterations=10000");
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("models").getJsonObject(0);
    }

    static double confusion(JsonObject model, int observer, int truth, int answered) {
        for (Object o : model.getJsonArray("annotators")) {
            JsonObject a = (JsonObject) o;
            if (("ds79-observer-" + observer).equals(a.getString("external_id"))) {
                return a.getJsonObject("confusion").getJsonObject(String.valueOf(truth)).getDouble(String.valueOf(answered));
            }
        }
        throw new AssertionError("observer " + observer + " missing");
    }

    @Test
    @DisplayName("Table 2: marginals .40 .42 .11 .07 and every printed error rate within .01, except the paper's three self-inconsistent rows")
    void table2() {
        JsonObject m = model();
        assertTrue(m.getBoolean("converged"));
        double[] marginals = {0.40, 0.42, 0.11, 0.07};
        for (int c = 0; c < 4; c++) {
            assertEquals(marginals[c], m.getJsonObject("class_priors").getDouble(String.valueOf(c + 1)), 0.01);
        }
        // Observer 2's rows for true 1 and 2 and observer 3's for true 2 cannot be reproduced from the paper's own Table 1
        // (shared/datasets/README.md; DawidSkenePublishedTest shows what Tables 1 and 4 imply there).
        Set<String> inconsistent = Set.of("2/1", "2/2", "3/2");
        int checked = 0;
        List<String[]> rows = Datasets.rows("dawid_skene_1979/table2_error_rates_published.csv", ",");
        for (String[] r : rows.subList(1, rows.size())) {
            if (inconsistent.contains(r[0] + "/" + r[1])) {
                continue;
            }
            assertEquals(Double.parseDouble(r[3]), confusion(m, Integer.parseInt(r[0]), Integer.parseInt(r[1]), Integer.parseInt(r[2])), 0.01,
                    "observer " + r[0] + " true " + r[1] + " answered " + r[2]);
            checked++;
        }
        assertEquals(5 * 16 - 3 * 4, checked);
        JsonObject first = m.getJsonArray("annotators").stream().map(JsonObject.class::cast)
                .filter(a -> "ds79-observer-1".equals(a.getString("external_id"))).findFirst().orElseThrow();
        assertEquals(135, first.getInteger("answers"));
        assertTrue(first.getLong("annotator_id") > 0, "internal id beside the external one");
        assertTrue(m.getInteger("iterations") > 1);
    }

    @Test
    @DisplayName("the same fit as an EM written from the paper's equations here: priors and error rates to 1e-6, and the log-likelihood of the returned parameters")
    void independentEm() {
        JsonObject m = model();
        double[] p = new double[4];
        double[][][] pi = new double[5][4][4];
        double[][] t = new double[45][4];
        for (int i = 0; i < 45; i++) { // start: each patient's observed response proportions (the paper's section 4)
            double total = 0;
            for (int j = 0; j < 5; j++) {
                for (int l = 0; l < 4; l++) {
                    t[i][l] += counts[i][j][l];
                    total += counts[i][j][l];
                }
            }
            for (int l = 0; l < 4; l++) {
                t[i][l] /= total;
            }
        }
        for (int iter = 0; iter < 10_000; iter++) {
            for (int k = 0; k < 4; k++) { // (2.4)
                p[k] = 0;
                for (int i = 0; i < 45; i++) {
                    p[k] += t[i][k] / 45;
                }
            }
            for (int j = 0; j < 5; j++) { // (2.3)
                for (int k = 0; k < 4; k++) {
                    double den = 0;
                    for (int i = 0; i < 45; i++) {
                        for (int l = 0; l < 4; l++) {
                            den += t[i][k] * counts[i][j][l];
                        }
                    }
                    for (int l = 0; l < 4; l++) {
                        double num = 0;
                        for (int i = 0; i < 45; i++) {
                            num += t[i][k] * counts[i][j][l];
                        }
                        pi[j][k][l] = den > 0 ? num / den : 0;
                    }
                }
            }
            double change = 0;
            for (int i = 0; i < 45; i++) { // (2.5)
                double[] w = joint(p, pi, i);
                double s = w[0] + w[1] + w[2] + w[3];
                for (int k = 0; k < 4; k++) {
                    change = Math.max(change, Math.abs(w[k] / s - t[i][k]));
                    t[i][k] = w[k] / s;
                }
            }
            if (change < 1e-13) {
                break;
            }
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(p[k], m.getJsonObject("class_priors").getDouble(String.valueOf(k + 1)), 1e-6, "prior " + (k + 1));
        }
        for (int j = 0; j < 5; j++) {
            for (int k = 0; k < 4; k++) {
                for (int l = 0; l < 4; l++) {
                    assertEquals(pi[j][k][l], confusion(m, j + 1, k + 1, l + 1), 1e-6, "observer " + (j + 1) + " true " + (k + 1) + " answered " + (l + 1));
                }
            }
        }
        // log L = sum_i log sum_k p_k prod_j prod_l pi_jkl^n_ijl, from the parameters the API returned.
        double[] apiP = new double[4];
        double[][][] apiPi = new double[5][4][4];
        for (int k = 0; k < 4; k++) {
            apiP[k] = m.getJsonObject("class_priors").getDouble(String.valueOf(k + 1));
            for (int j = 0; j < 5; j++) {
                for (int l = 0; l < 4; l++) {
                    apiPi[j][k][l] = confusion(m, j + 1, k + 1, l + 1);
                }
            }
        }
        double logLik = 0;
        for (int i = 0; i < 45; i++) {
            double[] w = joint(apiP, apiPi, i);
            logLik += Math.log(w[0] + w[1] + w[2] + w[3]);
        }
        assertEquals(logLik, m.getDouble("log_likelihood"), 1e-6);
    }

    private static double[] joint(double[] p, double[][][] pi, int i) {
        double[] w = new double[4];
        for (int k = 0; k < 4; k++) {
            w[k] = p[k];
            for (int j = 0; j < 5; j++) {
                for (int l = 0; l < 4; l++) {
                    w[k] *= Math.pow(pi[j][k][l], counts[i][j][l]);
                }
            }
        }
        return w;
    }

    @Test
    @DisplayName("the model endpoint refuses methods without parameters, and bad tolerances, with 400 naming the field")
    void badRequests() {
        assertEquals("method", server.admin().get("/api/projects/" + project + "/consensus/model?method=majority").json().getString("field"));
        assertEquals(400, server.admin().get("/api/projects/" + project + "/consensus/model?tolerance=5").status());
        assertEquals(404, server.admin().get("/api/projects/999999/consensus/model").status());
    }
}
