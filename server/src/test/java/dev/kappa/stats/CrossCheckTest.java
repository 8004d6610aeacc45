package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kappa.stats.Cohen.Weights;
import dev.kappa.stats.Krippendorff.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares with independent implementations (statsmodels, scikit-learn, and numpy code written from the
 * papers) on random data made by bench/stats/make_fixtures.py; fixtures and expected values live in
 * src/test/resources/stats/. Agreement to 1e-9.
 */
class CrossCheckTest {
    private static final double TOL = 1e-9;
    private static final Map<String, Map<String, Double>> EXPECTED = loadExpected();

    static List<String[]> resource(String name) {
        InputStream in = CrossCheckTest.class.getResourceAsStream("/stats/" + name);
        assertNotNull(in, "test resource stats/" + name + " missing (run bench/stats/make_fixtures.py)");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                } else {
                    rows.add(line.split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, Double>> loadExpected() {
        Map<String, Map<String, Double>> m = new HashMap<>();
        for (String[] row : resource("expected.csv")) {
            m.computeIfAbsent(row[0], x -> new HashMap<>()).put(row[1], Double.parseDouble(row[2]));
        }
        return m;
    }

    static double expected(String set, String stat) {
        Double v = EXPECTED.get(set).get(stat);
        assertNotNull(v, set + "/" + stat + " missing from expected.csv");
        return v;
    }

    static Ratings ratings(String set) {
        List<String[]> rows = resource(set + ".csv");
        int[] it = new int[rows.size()];
        int[] an = new int[rows.size()];
        int[] la = new int[rows.size()];
        for (int x = 0; x < rows.size(); x++) {
            it[x] = Integer.parseInt(rows.get(x)[0]);
            an[x] = Integer.parseInt(rows.get(x)[1]);
            la[x] = Integer.parseInt(rows.get(x)[2]);
        }
        return Ratings.of(it, an, la, (int) expected(set, "n_items"), (int) expected(set, "n_annotators"),
                (int) expected(set, "n_classes"));
    }

    static void check(String set, String stat, Estimate got) {
        assertTrue(got.defined(), set + "/" + stat + " undefined: " + got.reason());
        assertEquals(expected(set, stat), got.value(), TOL, set + "/" + stat);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "complete", "two_raters", "mixed"})
    @DisplayName("alpha (4 metrics, with class values, per category), Fleiss, AC1 and percent agreement match numpy/statsmodels to 1e-9")
    void agreement(String set) {
        Ratings r = ratings(set);
        double[] values = new double[r.nClasses()];
        for (int c = 0; c < values.length; c++) {
            values[c] = expected(set, "class_value_" + c);
        }
        check(set, "alpha_nominal", Krippendorff.alpha(r, Metric.NOMINAL));
        check(set, "alpha_ordinal", Krippendorff.alpha(r, Metric.ORDINAL));
        check(set, "alpha_interval", Krippendorff.alpha(r, Metric.INTERVAL));
        check(set, "alpha_ratio", Krippendorff.alpha(r, Metric.RATIO));
        check(set, "alpha_interval_values", Krippendorff.alpha(r, Metric.INTERVAL, values));
        check(set, "alpha_ratio_values", Krippendorff.alpha(r, Metric.RATIO, values));
        Estimate[] perCat = Krippendorff.perCategory(r);
        Fleiss.Result fleiss = Fleiss.of(r);
        for (int c = 0; c < r.nClasses(); c++) {
            check(set, "alpha_category_" + c, perCat[c]);
            check(set, "fleiss_category_" + c, fleiss.perCategory()[c]);
        }
        check(set, "fleiss_kappa", fleiss.kappa());
        check(set, "ac1", Gwet.ac1(r));
        check(set, "percent_agreement", PercentAgreement.of(r));
        check(set, "item_mean_agreement", PercentAgreement.itemMean(r));
    }

    @Test
    @DisplayName("Fleiss' kappa equals statsmodels.fleiss_kappa when every item has the same number of ratings")
    void statsmodelsFleiss() {
        check("complete", "statsmodels_fleiss_kappa", Fleiss.of(ratings("complete")).kappa());
    }

    @Test
    @DisplayName("Cohen's kappa, linear and quadratic weighted, equal sklearn's cohen_kappa_score and statsmodels' cohens_kappa")
    void cohen() {
        Ratings r = ratings("two_raters");
        int[][] pair = new int[2][r.nItems()];
        for (int a = 0; a < r.size(); a++) {
            pair[r.annotator(a)][r.item(a)] = r.label(a);
        }
        String[] names = {"none", "linear", "quadratic"};
        Weights[] weights = {Weights.NONE, Weights.LINEAR, Weights.QUADRATIC};
        for (int w = 0; w < 3; w++) {
            Estimate k = Cohen.kappa(pair[0], pair[1], r.nClasses(), weights[w]);
            check("two_raters", "sklearn_cohen_" + names[w], k);
            check("two_raters", "statsmodels_cohen_" + names[w], k);
        }
        // two raters: the pairwise routine finds the same single pair
        PairwiseCohen.Result pw = PairwiseCohen.of(r, 1, Weights.NONE);
        assertEquals(1, pw.pairs().size());
        check("two_raters", "sklearn_cohen_none", pw.mean());
    }

    @Test
    @DisplayName("pairwise Cohen's kappa (pairs sharing >= 30 items, first answer of replicates) and their mean match sklearn per pair")
    void pairwise() {
        Ratings r = ratings("mixed");
        PairwiseCohen.Result pw = PairwiseCohen.of(r, 30, Weights.NONE);
        assertEquals((int) expected("mixed", "pair_count"), pw.pairs().size());
        for (PairwiseCohen.Pair p : pw.pairs()) {
            String key = "pair_" + p.a() + "_" + p.b();
            assertEquals((int) expected("mixed", key + "_shared"), p.shared(), key);
            check("mixed", key + "_kappa", p.kappa());
        }
        check("mixed", "pair_mean", pw.mean());
    }

    @Test
    @DisplayName("Dawid-Skene posteriors and priors after 40 EM iterations match a numpy implementation to 1e-9")
    void dawidSkene() {
        Ratings r = ratings("dawid_skene");
        int iterations = (int) expected("dawid_skene", "iterations");
        DawidSkene.Result res = DawidSkene.fit(r, 0.0, iterations);
        assertEquals(iterations, res.iterations());
        assertFalse(res.converged(), "tolerance 0 never counts as converged");
        for (int c = 0; c < r.nClasses(); c++) {
            assertEquals(expected("dawid_skene", "prior_" + c), res.priors()[c], TOL, "prior " + c);
        }
        for (int i = 0; i < r.nItems(); i++) {
            for (int c = 0; c < r.nClasses(); c++) {
                assertEquals(expected("dawid_skene", "posterior_" + i + "_" + c), res.consensus().support(i, c), TOL,
                        "item " + i + " class " + c);
            }
        }
    }

    @Test
    @DisplayName("accuracy, per-class precision/recall/F1 and macro-F1 match scikit-learn (undefined precision is sklearn's 0)")
    void classification() {
        List<String[]> rows = resource("classification.csv");
        int[] pred = rows.stream().mapToInt(x -> Integer.parseInt(x[0])).toArray();
        int[] ref = rows.stream().mapToInt(x -> Integer.parseInt(x[1])).toArray();
        Classification.Report rep = Classification.of(pred, ref, 5);
        check("classification", "accuracy", rep.accuracy());
        for (int c = 0; c < 5; c++) {
            assertEquals(expected("classification", "precision_" + c), rep.precision()[c].orElse(0), TOL, "precision " + c);
            check("classification", "recall_" + c, rep.recall()[c]);
            check("classification", "f1_" + c, rep.f1()[c]);
            assertEquals((int) expected("classification", "support_" + c), rep.support()[c]);
        }
        assertFalse(rep.precision()[4].defined(), "class 4 is never predicted");
        check("classification", "macro_f1", rep.macroF1());
    }
}
