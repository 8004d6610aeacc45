package dev.kappa.stats;

/**
 * One consensus label per item ({@link #UNRESOLVED} = -1 when the rule cannot decide or the item has no
 * answers) with its support per class: vote shares for majority rules, posterior probabilities for
 * Dawid-Skene. {@code support[i * nClasses + c]}; all zero for items without answers.
 */
public record Consensus(int nClasses, int[] label, double[] support) {
    public static final int UNRESOLVED = -1;

    public double support(int item, int c) {
        return support[item * nClasses + c];
    }

    /** Support of the chosen label, 0 when unresolved. */
    public double confidence(int item) {
        return label[item] < 0 ? 0 : support(item, label[item]);
    }

    public int resolved() {
        int n = 0;
        for (int l : label) {
            if (l >= 0) {
                n++;
            }
        }
        return n;
    }
}
