package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kappa.stats.Cohen.Weights;
import dev.kappa.stats.Krippendorff.Metric;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every coefficient against the published worked examples listed in shared/datasets/README.md, to the
 * number of digits printed in the source (tolerance half a unit of the last digit, or a unit where the
 * source truncates).
 */
class PublishedAgreementTest {
    private static final String DIR = "agreement_examples/";

    static void near(double expected, Estimate actual, double tol, String what) {
        assertTrue(actual.defined(), what + " undefined: " + actual.reason());
        assertEquals(expected, actual.value(), tol, what);
    }

    @Test
    @DisplayName("Krippendorff 2004 p.230 / 2011 example C (missing data): alpha nominal .743, ordinal .815, interval .849, ratio .797, agreement .800")
    void krippendorffExampleC() {
        SharedData.Loaded d = SharedData.wide(DIR + "krippendorff_example_c_numeric.csv", false);
        Ratings r = d.ratings();
        near(0.743, Krippendorff.alpha(r, Metric.NOMINAL), 5e-4, "nominal");
        near(0.815, Krippendorff.alpha(r, Metric.ORDINAL), 5e-4, "ordinal");
        near(0.849, Krippendorff.alpha(r, Metric.INTERVAL, d.values()), 5e-4, "interval");
        near(0.797, Krippendorff.alpha(r, Metric.RATIO, d.values()), 5e-4, "ratio");
        near(0.800, PercentAgreement.of(r), 5e-4, "percent agreement");
    }

    @Test
    @DisplayName("Krippendorff example C with letter labels (DKPro layout) gives the same nominal alpha .743")
    void krippendorffExampleCNominalLetters() {
        Ratings r = SharedData.wide(DIR + "krippendorff_example_c_nominal_dkpro.csv", true).ratings();
        near(0.743, Krippendorff.alpha(r, Metric.NOMINAL), 5e-4, "nominal");
        near(0.800, PercentAgreement.of(r), 5e-4, "percent agreement");
    }

    @Test
    @DisplayName("Wikipedia Krippendorff's alpha example: nominal 0.691358, interval 0.810845")
    void wikipediaAlpha() {
        SharedData.Loaded d = SharedData.wide(DIR + "wikipedia_krippendorff_alpha.csv", false);
        near(0.691358, Krippendorff.alpha(d.ratings(), Metric.NOMINAL), 5e-7, "nominal");
        near(0.810845, Krippendorff.alpha(d.ratings(), Metric.INTERVAL, d.values()), 5e-7, "interval");
    }

    @Test
    @DisplayName("Krippendorff 1980 p.139: agreement .740, alpha nominal .642, interval .547, ratio .483, per category .381 .711 .717 .764")
    void krippendorff1980p139() {
        SharedData.Loaded d = SharedData.wide(DIR + "krippendorff1980_p139.csv", true);
        Ratings r = d.ratings();
        near(0.740, PercentAgreement.of(r), 1e-3, "percent agreement (published truncated: 20/27)");
        near(0.642, Krippendorff.alpha(r, Metric.NOMINAL), 5e-4, "nominal");
        near(0.547, Krippendorff.alpha(r, Metric.INTERVAL, d.values()), 5e-4, "interval");
        near(0.483, Krippendorff.alpha(r, Metric.RATIO, d.values()), 5e-4, "ratio");
        double[] perCat = {0.381, 0.711, 0.717, 0.764};
        Estimate[] got = Krippendorff.perCategory(r);
        PerLabel.LabelAgreement[] labels = PerLabel.of(r);
        for (int c = 0; c < 4; c++) {
            near(perCat[c], got[c], 5e-4, "category " + d.levels().get(c));
            assertEquals(got[c], labels[c].alpha(), "PerLabel exposes the same class-specific alpha");
        }
    }

    @Test
    @DisplayName("Krippendorff 1980 p.133 and 2004 p.224 binary data: agreement .600, alpha .095")
    void binaryExamples() {
        for (String f : new String[] {"krippendorff1980_p133_binary.csv", "krippendorff2004_p224_binary.csv"}) {
            Ratings r = SharedData.wide(DIR + f, true).ratings();
            near(0.600, PercentAgreement.of(r), 5e-4, f + " agreement");
            near(0.095, Krippendorff.alpha(r, Metric.NOMINAL), 5e-4, f + " alpha");
        }
    }

    @Test
    @DisplayName("Krippendorff 2004 p.227: agreement .833, alpha .734")
    void krippendorff2004p227() {
        Ratings r = SharedData.wide(DIR + "krippendorff2004_p227.csv", true).ratings();
        near(0.833, PercentAgreement.of(r), 5e-4, "agreement");
        near(0.734, Krippendorff.alpha(r, Metric.NOMINAL), 5e-4, "alpha");
    }

    @Test
    @DisplayName("Hayes and Krippendorff 2007 p.84: 5 observers with gaps, ordinal alpha 0.7598")
    void hayesOrdinal() {
        Ratings r = SharedData.wide(DIR + "hayes_krippendorff2007_p84.csv", true).ratings();
        near(0.7598, Krippendorff.alpha(r, Metric.ORDINAL), 5e-5, "ordinal");
    }

    @Test
    @DisplayName("Fleiss 1971 p.379 diagnoses: kappa 0.4302445 (R irr) and per-category .248 .248 .517 .470 .565")
    void fleiss1971() {
        Ratings r = SharedData.wide(DIR + "fleiss1971_diagnoses.csv", true).ratings();
        Fleiss.Result f = Fleiss.of(r);
        near(0.4302445, f.kappa(), 5e-8, "kappa");
        // Fleiss' printed per-category values come from hand computation with rounded intermediates; the
        // exact formula gives .2448 .2448 .5200 .4711 .5661 (category 3 is exactly 0.52), so the printed
        // digits are matched to within .0035 and the exact values to 5e-5.
        double[] printed = {0.248, 0.248, 0.517, 0.470, 0.565};
        double[] exact = {0.24476, 0.24476, 0.52, 0.47113, 0.56612};
        for (int c = 0; c < 5; c++) {
            near(printed[c], f.perCategory()[c], 3.5e-3, "printed category " + (c + 1));
            near(exact[c], f.perCategory()[c], 5e-5, "exact category " + (c + 1));
        }
    }

    @Test
    @DisplayName("Wikipedia Fleiss' kappa worked example from category counts: 0.210, and its per-subject P_i")
    void wikipediaFleiss() {
        double[][] t = SharedData.table(DIR + "wikipedia_fleiss_kappa_counts.csv");
        int[][] counts = new int[t.length][5];
        RatingsBuilder b = Ratings.builder(5);
        for (int i = 0; i < t.length; i++) {
            for (int c = 0; c < 5; c++) {
                counts[i][c] = (int) t[i][c];
                for (int x = 0; x < counts[i][c]; x++) {
                    b.add(i, x, c); // rater ids are irrelevant to Fleiss' kappa
                }
            }
        }
        near(0.210, Fleiss.of(counts).kappa(), 5e-4, "kappa from counts");
        near(0.210, Fleiss.of(b.build()).kappa(), 5e-4, "kappa from answers");
        assertEquals(Fleiss.of(counts).kappa().value(), Fleiss.of(b.build()).kappa().value(), 1e-15);
        // each subject's P_i is its share of agreeing pairs (column 6 of the file, 3 decimals)
        Ratings one = b.build();
        for (int i = 0; i < t.length; i++) {
            near(t[i][5], PercentAgreement.itemMean(one.selectItems(new int[] {i})), 5e-4, "P_" + (i + 1));
        }
    }

    @Test
    @DisplayName("Cohen 1960 p.45: Po .70, Pe .41, kappa .492, kappa_max .831; p.37: Po .29, Pe .35")
    void cohen1960() {
        Cohen.Result r = Cohen.of(SharedData.table(DIR + "cohen1960_p45_table.csv"), Weights.NONE);
        assertEquals(0.70, r.observed(), 5e-3);
        assertEquals(0.41, r.expected(), 5e-3);
        near(0.492, r.kappa(), 5e-4, "kappa");
        near(0.831, r.kappaMax(), 5e-4, "kappa max");
        Cohen.Result p37 = Cohen.of(SharedData.table(DIR + "cohen1960_p37_table.csv"), Weights.NONE);
        assertEquals(0.29, p37.observed(), 5e-3);
        assertEquals(0.35, p37.expected(), 5e-3);
    }

    @Test
    @DisplayName("statsmodels' SAS table: kappa 0.4842, linear-weighted 0.4701")
    void sasTable() {
        double[][] t = SharedData.table(DIR + "statsmodels_sas_cohen_table.csv");
        near(0.4842, Cohen.kappa(t), 5e-5, "kappa");
        near(0.4701, Cohen.kappa(t, Weights.LINEAR), 5e-5, "linear weighted");
    }

    @Test
    @DisplayName("R irr kappa2 on anxiety raters 2 and 3: unweighted -0.006289308, equal 0.1459075, squared 0.2520325")
    void irrAnxiety() {
        SharedData.Loaded d = SharedData.wide(DIR + "irr_anxiety.csv", true);
        Ratings all = d.ratings();
        // irr builds the levels from the two raters' observed values; both use 1,2,3,4,6 (no 5)
        java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
        int[][] pair = new int[2][all.nItems()];
        for (int a = 0; a < all.size(); a++) {
            if (all.annotator(a) >= 1) {
                pair[all.annotator(a) - 1][all.item(a)] = all.label(a);
                used.add(all.label(a));
            }
        }
        java.util.List<Integer> levels = new java.util.ArrayList<>(used);
        for (int[] p : pair) {
            for (int i = 0; i < p.length; i++) {
                p[i] = levels.indexOf(p[i]);
            }
        }
        int k = levels.size();
        near(-0.006289308, Cohen.kappa(pair[0], pair[1], k, Weights.NONE), 5e-10, "unweighted");
        near(0.1459075, Cohen.kappa(pair[0], pair[1], k, Weights.LINEAR), 5e-8, "equal");
        near(0.2520325, Cohen.kappa(pair[0], pair[1], k, Weights.QUADRATIC), 5e-8, "squared");
    }

    @Test
    @DisplayName("Artstein and Poesio 2008 p.558: Po .7, S .4, pi .341, kappa .348")
    void artsteinPoesio558() {
        Cohen.Result r = Cohen.of(SharedData.table(DIR + "artstein_poesio2008_p558_table.csv"), Weights.NONE);
        assertEquals(0.7, r.observed(), 1e-12);
        near(0.4, r.bennettS(), 5e-4, "S");
        near(0.341, r.scottPi(), 5e-4, "pi");
        near(0.348, r.kappa(), 5e-4, "kappa");
    }

    @Test
    @DisplayName("Artstein and Poesio 2008 p.568: Po .88, S .82, pi .7995, kappa .8013, alpha .800 from the table's 100 items")
    void artsteinPoesio568() {
        double[][] t = SharedData.table(DIR + "artstein_poesio2008_p568_table.csv");
        Cohen.Result r = Cohen.of(t, Weights.NONE);
        assertEquals(0.88, r.observed(), 1e-12);
        near(0.82, r.bennettS(), 5e-3, "S");
        near(0.7995, r.scottPi(), 5e-5, "pi");
        near(0.8013, r.kappa(), 5e-5, "kappa");
        // two coders, no gaps: alpha = 1 - (2N - 1) / 2N * (1 - pi) = .80053, printed as .800 (truncated)
        near(0.800, Krippendorff.alpha(fromTable(t), Metric.NOMINAL), 1e-3, "alpha");
        assertEquals(1 - 199.0 / 200 * (1 - r.scottPi().value()),
                Krippendorff.alpha(fromTable(t), Metric.NOMINAL).value(), 1e-12, "alpha from pi");
    }

    @Test
    @DisplayName("Krippendorff 2004 p.246 tables a and b: agreement .460, S .190, pi .186, kappa .186 and .258")
    void krippendorffTables() {
        String[] files = {"krippendorff2004_p246_table_a.csv", "krippendorff2004_p246_table_b.csv"};
        double[] kappas = {0.186, 0.258};
        for (int f = 0; f < 2; f++) {
            Cohen.Result r = Cohen.of(SharedData.table(DIR + files[f]), Weights.NONE);
            assertEquals(0.460, r.observed(), 5e-4, files[f]);
            near(0.190, r.bennettS(), 5e-4, files[f] + " S");
            near(0.186, r.scottPi(), 5e-4, files[f] + " pi");
            near(kappas[f], r.kappa(), 5e-4, files[f] + " kappa");
        }
    }

    /** Expands a two-coder contingency table into one item per counted pair. */
    static Ratings fromTable(double[][] t) {
        RatingsBuilder b = Ratings.builder(t.length);
        int item = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                for (int x = 0; x < (int) t[i][j]; x++) {
                    b.add(item, 0, i).add(item++, 1, j);
                }
            }
        }
        return b.build();
    }
}
