package dev.kappa.stats;

/**
 * Per-item spread of answers: the majority share (largest class count / answers) and the vote entropy
 * -sum_c p_c log2 p_c in bits (0 when all answers agree, log2 k at most). Items without answers get 0 for
 * both; their answer count (0) tells them apart.
 */
public final class PerItem {
    private PerItem() {
    }

    public record Spread(int[] answers, double[] majorityShare, double[] entropyBits) {
    }

    public static Spread of(Ratings r) {
        int k = r.nClasses;
        int[] counts = r.itemClassCounts();
        int[] answers = new int[r.nItems];
        double[] share = new double[r.nItems];
        double[] entropy = new double[r.nItems];
        double ln2 = Math.log(2);
        for (int i = 0; i < r.nItems; i++) {
            int m = r.answersOn(i);
            answers[i] = m;
            if (m == 0) {
                continue;
            }
            int max = 0;
            double h = 0;
            for (int c = 0; c < k; c++) {
                int x = counts[i * k + c];
                max = Math.max(max, x);
                if (x > 0) {
                    double p = (double) x / m;
                    h -= p * Math.log(p) / ln2;
                }
            }
            share[i] = (double) max / m;
            entropy[i] = Math.max(0.0, h);
        }
        return new Spread(answers, share, entropy);
    }
}
