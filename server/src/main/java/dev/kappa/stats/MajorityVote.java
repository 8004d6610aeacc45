package dev.kappa.stats;

import java.util.Arrays;

/**
 * Majority vote per item, plain or weighted (e.g. by annotator tier). Tie rule: when several labels share
 * the largest vote, the answers of expert annotators on that item decide among the tied labels (the tied
 * label with most expert answers wins); if there is no expert answer among them, or the experts are tied
 * too, the item is {@link Consensus#UNRESOLVED}. Support is each label's share of the (weighted) votes.
 */
public final class MajorityVote {
    private MajorityVote() {
    }

    /** Relative tolerance under which weighted vote totals count as tied (float sums of equal weights). */
    static final double TIE_TOLERANCE = 1e-12;

    /** Unweighted, no experts: every tie is unresolved. */
    public static Consensus of(Ratings r) {
        return weighted(r, null, null);
    }

    /** Unweighted; {@code expert[annotator]} breaks ties (null: nobody is an expert). */
    public static Consensus of(Ratings r, boolean[] expert) {
        return weighted(r, null, expert);
    }

    /** Each answer weighs {@code tierWeight[annotatorTier[annotator]]}. */
    public static Consensus byTier(Ratings r, int[] annotatorTier, double[] tierWeight, boolean[] expert) {
        double[] w = new double[r.nAnnotators];
        for (int a = 0; a < w.length; a++) {
            w[a] = tierWeight[annotatorTier[a]];
        }
        return weighted(r, w, expert);
    }

    /** Each answer weighs {@code annotatorWeight[annotator]} (>= 0; null means 1 for everyone). */
    public static Consensus weighted(Ratings r, double[] annotatorWeight, boolean[] expert) {
        if (annotatorWeight != null && annotatorWeight.length < r.nAnnotators
                || expert != null && expert.length < r.nAnnotators) {
            throw new IllegalArgumentException("need a weight and expert flag for each of " + r.nAnnotators + " annotators");
        }
        if (annotatorWeight != null) {
            for (double w : annotatorWeight) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weights must be finite and >= 0: " + w);
                }
            }
        }
        int k = r.nClasses;
        int[] label = new int[r.nItems];
        double[] support = new double[r.nItems * k];
        double[] votes = new double[k];
        int[] expertVotes = new int[k];
        for (int i = 0; i < r.nItems; i++) {
            Arrays.fill(votes, 0);
            double total = 0;
            for (int q = r.start[i]; q < r.start[i + 1]; q++) {
                int a = r.order[q];
                double w = annotatorWeight == null ? 1 : annotatorWeight[r.annotator[a]];
                votes[r.label[a]] += w;
                total += w;
            }
            label[i] = Consensus.UNRESOLVED;
            if (total <= 0) {
                continue;
            }
            double max = 0;
            for (int c = 0; c < k; c++) {
                support[i * k + c] = votes[c] / total;
                max = Math.max(max, votes[c]);
            }
            double eps = max * TIE_TOLERANCE;
            int tied = 0;
            for (int c = 0; c < k; c++) {
                if (votes[c] >= max - eps) {
                    tied++;
                    label[i] = c;
                }
            }
            if (tied > 1) {
                label[i] = breakTie(r, i, votes, max - eps, expert, expertVotes);
            }
        }
        return new Consensus(k, label, support);
    }

    private static int breakTie(Ratings r, int i, double[] votes, double threshold, boolean[] expert, int[] ev) {
        if (expert == null) {
            return Consensus.UNRESOLVED;
        }
        Arrays.fill(ev, 0);
        for (int q = r.start[i]; q < r.start[i + 1]; q++) {
            int a = r.order[q];
            if (expert[r.annotator[a]] && votes[r.label[a]] >= threshold) {
                ev[r.label[a]]++;
            }
        }
        int best = Consensus.UNRESOLVED;
        int bestCount = 0;
        boolean unique = false;
        for (int c = 0; c < ev.length; c++) {
            if (ev[c] > bestCount) {
                best = c;
                bestCount = ev[c];
                unique = true;
            } else if (ev[c] == bestCount && bestCount > 0) {
                unique = false;
            }
        }
        return unique ? best : Consensus.UNRESOLVED;
    }
}
