package dev.kappa.stats;

import java.util.Arrays;

/** Appends answers into growing primitive arrays; {@link #build} validates and indexes them. */
public final class RatingsBuilder {
    private final int nClasses;
    private int[] item = new int[16];
    private int[] annotator = new int[16];
    private int[] label = new int[16];
    private int n;

    RatingsBuilder(int nClasses) {
        this.nClasses = nClasses;
    }

    public RatingsBuilder add(int itemId, int annotatorId, int labelId) {
        if (n == item.length) {
            int cap = Math.max(16, n + (n >> 1));
            item = Arrays.copyOf(item, cap);
            annotator = Arrays.copyOf(annotator, cap);
            label = Arrays.copyOf(label, cap);
        }
        item[n] = itemId;
        annotator[n] = annotatorId;
        label[n++] = labelId;
        return this;
    }

    public int size() {
        return n;
    }

    /** Sizes inferred from the largest ids seen. */
    public Ratings build() {
        int mi = -1;
        int ma = -1;
        for (int a = 0; a < n; a++) {
            mi = Math.max(mi, item[a]);
            ma = Math.max(ma, annotator[a]);
        }
        return build(mi + 1, ma + 1);
    }

    public Ratings build(int nItems, int nAnnotators) {
        return Ratings.wrap(Arrays.copyOf(item, n), Arrays.copyOf(annotator, n), Arrays.copyOf(label, n),
                nItems, nAnnotators, nClasses);
    }
}
