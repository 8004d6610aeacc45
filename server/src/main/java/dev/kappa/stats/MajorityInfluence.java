package dev.kappa.stats;

import java.util.Arrays;

/**
 * How much the annotators who happened to be recruited move a statistic of the per-item majority, for its interval.
 *
 * <p>Model (first-order, random annotator effects): annotator a is right with probability μ + δ_a, the δ_a independent
 * with variance σ² across the tier, a wrong answer following the tier's pooled confusion row. Then item i's majority
 * outcome depends on δ_a, for each of its voters, through ∂P(outcome)/∂δ_a = 1{majority(others + the right label) = o}
 * − Σ_c q(c | ref) 1{majority(others + c) = o}, estimated by the other votes actually cast on i. With h_x the
 * statistic's derivative (see {@link TableGradient}) times that, vote by vote, the statistic's annotator-driven
 * variance is σ² Σ_a Σ_{i ≠ j voted by a} h_i h_j = σ² Σ_a (H_a² − Σ_x h_x²), H_a = Σ over a's votes: the covariance
 * two items get from sharing a voter (the within-item part is what an items-only bootstrap already measures). This
 * is the Hoeffding/ANOVA projection that generalizability theory's variance components rest on (R. L. Brennan,
 * Generalizability Theory, 2001, on unbalanced random-effects designs), applied to the majority through its voters.
 *
 * <p>A majority's interval cannot take this from a bootstrap that drops undrawn annotators: their votes would be
 * missing, and a majority of fewer votes is a weaker statistic (that interval covered about a third of the time).
 */
public final class MajorityInfluence {
    private MajorityInfluence() {
    }

    /**
     * Σ_a (H_a² − Σ_x h_x²) over the votes on items with {@code include[i]} (null: all) and a reference; the
     * statistic's derivative is {@code gradient[ref][outcome]} on the majority table of {@link #table}.
     */
    public static double pairTerm(ClusteredBootstrap.Data d, double[][] gradient, boolean[] include) {
        int k = d.k();
        double[][] q = wrongRows(d);
        int[][] byItem = votesByItem(d);
        double[] h = new double[d.nAnnotators()];
        double diagonal = 0;
        double[] votes = new double[k];
        for (int i = 0; i < d.nItems(); i++) {
            int ref = d.reference()[i];
            if (ref < 0 || byItem[i].length == 0 || include != null && !include[i]) {
                continue;
            }
            Arrays.fill(votes, 0);
            for (int x : byItem[i]) {
                votes[d.label()[x]]++;
            }
            for (int x : byItem[i]) {
                votes[d.label()[x]]--;
                double hx = gradient[ref][outcome(votes, ref, k)];
                for (int c = 0; c < k; c++) {
                    if (c != ref && q[ref][c] > 0) {
                        hx -= q[ref][c] * gradient[ref][outcome(votes, c, k)];
                    }
                }
                votes[d.label()[x]]++;
                h[d.annotator()[x]] += hx;
                diagonal += hx * hx;
            }
        }
        double sum = 0;
        for (double ha : h) {
            sum += ha * ha;
        }
        return sum - diagonal;
    }

    /** The majority table [ref][outcome], outcome k = unresolved (a tie), over included items with a reference. */
    public static double[][] table(ClusteredBootstrap.Data d, boolean[] include) {
        int k = d.k();
        double[][] t = new double[k][k + 1];
        int[][] byItem = votesByItem(d);
        double[] votes = new double[k];
        for (int i = 0; i < d.nItems(); i++) {
            int ref = d.reference()[i];
            if (ref < 0 || byItem[i].length == 0 || include != null && !include[i]) {
                continue;
            }
            Arrays.fill(votes, 0);
            for (int x : byItem[i]) {
                votes[d.label()[x]]++;
            }
            int top = ClusteredBootstrap.majority(votes);
            t[ref][top < 0 ? k : top]++;
        }
        return t;
    }

    /** The outcome with one more vote for {@code extra}. */
    private static int outcome(double[] votes, int extra, int k) {
        votes[extra]++;
        int top = ClusteredBootstrap.majority(votes);
        votes[extra]--;
        return top < 0 ? k : top;
    }

    /** q[ref][c]: the tier's share of wrong answers on reference ref that say c (uniform where none was wrong). */
    static double[][] wrongRows(ClusteredBootstrap.Data d) {
        int k = d.k();
        double[][] q = new double[k][k];
        for (int x = 0; x < d.item().length; x++) {
            int ref = d.reference()[d.item()[x]];
            if (ref >= 0 && d.label()[x] != ref) {
                q[ref][d.label()[x]]++;
            }
        }
        for (int r = 0; r < k; r++) {
            double wrong = Arrays.stream(q[r]).sum();
            for (int c = 0; c < k; c++) {
                q[r][c] = c == r ? 0 : wrong > 0 ? q[r][c] / wrong : 1.0 / Math.max(1, k - 1);
            }
        }
        return q;
    }

    static int[][] votesByItem(ClusteredBootstrap.Data d) {
        int[] count = new int[d.nItems()];
        for (int i : d.item()) {
            count[i]++;
        }
        int[][] out = new int[d.nItems()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[count[i]];
        }
        int[] fill = new int[d.nItems()];
        for (int x = 0; x < d.item().length; x++) {
            out[d.item()[x]][fill[d.item()[x]]++] = x;
        }
        return out;
    }
}
