package dev.kappa.bench;

import dev.kappa.support.Datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Data sets for the hard-case benchmark: true labels, the model's label and class probabilities per item. Two are
 * simulated (errors concentrated in three minority classes), one is real: the crowd answers of the public web
 * relevance set (shared/datasets/crowd_web) act as the model, their vote shares as its probabilities, against the
 * set's gold labels.
 */
final class HardCaseScenarios {
    /** One data set: {@code probs[i][c]}; {@code predicted[i]} is the arg max. */
    record Scenario(String name, List<String> keys, int[] truth, int[] predicted, double[][] probs) {
        int errors() {
            int e = 0;
            for (int i = 0; i < truth.length; i++) {
                e += truth[i] != predicted[i] ? 1 : 0;
            }
            return e;
        }

        int size() {
            return truth.length;
        }
    }

    /** Class frequencies: mildly imbalanced, as real label sets are; the weak classes are among the rarer ones. */
    private static final double[] PRIOR = {0.16, 0.14, 0.12, 0.11, 0.10, 0.09, 0.08, 0.08, 0.06, 0.06};
    /** Error rate by true class: three weak classes, the rest good. */
    private static final double[] ERROR = {0.04, 0.04, 0.04, 0.04, 0.04, 0.04, 0.40, 0.35, 0.45, 0.04};

    private HardCaseScenarios() {
    }

    /**
     * A 10-class model. Its top probability is 0.1 + 0.9 * Beta(6, 2) when right (mean 0.77) and 0.1 + 0.9 *
     * Beta(3, 3) when wrong (mean 0.55), so uncertainty is informative but overlaps heavily, as with real models.
     * {@code confidentWeak}: in the weak classes the model is as sure when wrong as when right (systematic confusion,
     * the case uncertainty sampling cannot see). A wrong prediction goes to one of two fixed confusable classes; the
     * true class gets a share of the remaining mass, the rest is spread over the other classes.
     */
    static Scenario simulated(int n, long seed, boolean confidentWeak) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = PRIOR.length;
        List<String> keys = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            keys.add("c" + c);
        }
        int[] truth = new int[n];
        int[] predicted = new int[n];
        double[][] probs = new double[n][];
        for (int i = 0; i < n; i++) {
            int y = draw(r, PRIOR);
            boolean wrong = r.nextDouble() < ERROR[y];
            int pred = wrong ? (y + 1 + (r.nextBoolean() ? 0 : 1)) % k : y;
            boolean sure = !wrong || confidentWeak && ERROR[y] > 0.2;
            double top = 0.1 + 0.9 * (sure ? beta(r, 6, 2) : beta(r, 3, 3));
            double[] p = new double[k];
            p[pred] = top;
            double rest = 1 - top;
            int second = wrong ? y : (pred + 1 + r.nextInt(k - 1)) % k;
            p[second] = Math.min(top, rest * (0.3 + 0.6 * r.nextDouble()));
            rest -= p[second];
            double[] spread = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                if (c != pred && c != second) {
                    spread[c] = -Math.log(1 - r.nextDouble());
                    sum += spread[c];
                }
            }
            for (int c = 0; c < k; c++) {
                p[c] += sum > 0 ? rest * spread[c] / sum : 0;
            }
            truth[i] = y;
            predicted[i] = argmax(p);
            probs[i] = p;
        }
        return new Scenario(confidentWeak ? "simulated, weak classes confidently wrong" : "simulated, errors less confident",
                keys, truth, predicted, probs);
    }

    /**
     * The web relevance crowd set as a model: each item's probabilities are the (add-0.5 smoothed) vote shares of its
     * crowd answers, its label the arg max (ties to the lower class); truth is the set's gold.
     */
    static Scenario crowdWeb() {
        Map<String, int[]> votes = new HashMap<>();
        int k = 5;
        for (String[] row : Datasets.rows("crowd_web/web_crowd.txt", "\\s+")) {
            votes.computeIfAbsent(row[0], x -> new int[k])[Integer.parseInt(row[2]) - 1]++;
        }
        List<String[]> truthRows = Datasets.rows("crowd_web/web_truth.txt", "\\s+");
        List<Integer> truth = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        for (String[] row : truthRows) {
            int[] v = votes.get(row[0]);
            if (v == null) {
                continue;
            }
            double m = 0;
            for (int x : v) {
                m += x;
            }
            double[] p = new double[k];
            for (int c = 0; c < k; c++) {
                p[c] = (v[c] + 0.5) / (m + 0.5 * k);
            }
            truth.add(Integer.parseInt(row[1]) - 1);
            probs.add(p);
        }
        int n = truth.size();
        int[] t = new int[n];
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = truth.get(i);
            pred[i] = argmax(probs.get(i));
        }
        return new Scenario("real: crowd_web answers as the model", List.of("1", "2", "3", "4", "5"), t, pred,
                probs.toArray(new double[0][]));
    }

    private static int draw(SplittableRandom r, double[] p) {
        double u = r.nextDouble();
        for (int c = 0; c < p.length; c++) {
            u -= p[c];
            if (u < 0) {
                return c;
            }
        }
        return p.length - 1;
    }

    /** Beta(a, b) for whole a, b, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (sums of exponentials). */
    private static double beta(SplittableRandom r, int a, int b) {
        double x = gamma(r, a);
        return x / (x + gamma(r, b));
    }

    private static double gamma(SplittableRandom r, int shape) {
        double s = 0;
        for (int j = 0; j < shape; j++) {
            s -= Math.log(1 - r.nextDouble());
        }
        return s;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
