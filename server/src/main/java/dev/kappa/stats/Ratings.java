package dev.kappa.stats;

import java.util.Arrays;

/**
 * Answers as three parallel primitive arrays: answer {@code a} says annotator {@code annotator[a]} gave
 * class {@code label[a]} to item {@code item[a]}. Items are 0..nItems-1, annotators 0..nAnnotators-1,
 * labels 0..nClasses-1 (for ordinal scales the class index order is the scale order; interval and ratio
 * statistics take the numeric value of each class separately). The same annotator may answer the same
 * item more than once; every answer counts (Dawid and Skene 1979 have three replicates per patient for
 * observer 1). Items without answers may exist and are ignored by every statistic.
 *
 * <p>Immutable. Primitive arrays keep a million answers at about 12 MB plus a per-item index.
 */
public final class Ratings {
    final int[] item;
    final int[] annotator;
    final int[] label;
    final int nItems;
    final int nAnnotators;
    final int nClasses;
    /** Answer indices grouped by item (stable counting sort): item i owns order[start[i] .. start[i+1]). */
    final int[] order;
    final int[] start;
    private int[] counts;

    private Ratings(int[] item, int[] annotator, int[] label, int nItems, int nAnnotators, int nClasses) {
        if (item.length != annotator.length || item.length != label.length) {
            throw new IllegalArgumentException("item, annotator and label arrays differ in length");
        }
        if (nItems < 0 || nAnnotators < 0 || nClasses < 1) {
            throw new IllegalArgumentException("need nItems >= 0, nAnnotators >= 0, nClasses >= 1");
        }
        for (int a = 0; a < item.length; a++) {
            check(item[a], nItems, "item", a);
            check(annotator[a], nAnnotators, "annotator", a);
            check(label[a], nClasses, "label", a);
        }
        this.item = item;
        this.annotator = annotator;
        this.label = label;
        this.nItems = nItems;
        this.nAnnotators = nAnnotators;
        this.nClasses = nClasses;
        this.start = new int[nItems + 1];
        for (int i : item) {
            start[i + 1]++;
        }
        for (int i = 0; i < nItems; i++) {
            start[i + 1] += start[i];
        }
        this.order = new int[item.length];
        int[] next = Arrays.copyOf(start, nItems);
        for (int a = 0; a < item.length; a++) {
            order[next[item[a]]++] = a;
        }
    }

    private static void check(int v, int n, String what, int a) {
        if (v < 0 || v >= n) {
            throw new IllegalArgumentException(what + " " + v + " of answer " + a + " is outside 0.." + (n - 1));
        }
    }

    /** Copies the arrays, so the caller may reuse them. */
    public static Ratings of(int[] item, int[] annotator, int[] label, int nItems, int nAnnotators, int nClasses) {
        return new Ratings(item.clone(), annotator.clone(), label.clone(), nItems, nAnnotators, nClasses);
    }

    /** Sizes inferred as max + 1 of each array (nClasses at least 1). */
    public static Ratings of(int[] item, int[] annotator, int[] label) {
        return of(item, annotator, label, max(item) + 1, max(annotator) + 1, Math.max(1, max(label) + 1));
    }

    /** Takes ownership of the arrays without copying (package use: bootstrap, builder). */
    static Ratings wrap(int[] item, int[] annotator, int[] label, int nItems, int nAnnotators, int nClasses) {
        return new Ratings(item, annotator, label, nItems, nAnnotators, nClasses);
    }

    /**
     * Rows are items, columns annotators, cells class indices; {@code missing} marks an absent answer.
     * The usual "reliability data matrix" transposed (Krippendorff prints coders as rows).
     */
    public static Ratings fromMatrix(int[][] itemsByAnnotators, int missing, int nClasses) {
        RatingsBuilder b = new RatingsBuilder(nClasses);
        int nAnn = 0;
        for (int i = 0; i < itemsByAnnotators.length; i++) {
            nAnn = Math.max(nAnn, itemsByAnnotators[i].length);
            for (int j = 0; j < itemsByAnnotators[i].length; j++) {
                if (itemsByAnnotators[i][j] != missing) {
                    b.add(i, j, itemsByAnnotators[i][j]);
                }
            }
        }
        return b.build(itemsByAnnotators.length, nAnn);
    }

    public static RatingsBuilder builder(int nClasses) {
        return new RatingsBuilder(nClasses);
    }

    private static int max(int[] a) {
        int m = -1;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    public int size() {
        return item.length;
    }

    public int nItems() {
        return nItems;
    }

    public int nAnnotators() {
        return nAnnotators;
    }

    public int nClasses() {
        return nClasses;
    }

    public int item(int answer) {
        return item[answer];
    }

    public int annotator(int answer) {
        return annotator[answer];
    }

    public int label(int answer) {
        return label[answer];
    }

    /** Number of answers on item {@code i}. */
    public int answersOn(int i) {
        return start[i + 1] - start[i];
    }

    /** Per-item class counts, flat: {@code counts[i * nClasses + c]}. Computed once, shared: do not modify. */
    public synchronized int[] itemClassCounts() {
        if (counts == null) {
            int[] c = new int[Math.multiplyExact(nItems, nClasses)];
            for (int a = 0; a < label.length; a++) {
                c[item[a] * nClasses + label[a]]++;
            }
            counts = c;
        }
        return counts;
    }

    /** Number of annotators with at least one answer. */
    public int distinctAnnotators() {
        boolean[] seen = new boolean[nAnnotators];
        int n = 0;
        for (int a : annotator) {
            if (!seen[a]) {
                seen[a] = true;
                n++;
            }
        }
        return n;
    }

    /** Whether some item has two or more answers (so pairs of answers exist). */
    public boolean hasPairs() {
        for (int i = 0; i < nItems; i++) {
            if (answersOn(i) >= 2) {
                return true;
            }
        }
        return false;
    }

    /** Why a pair-based statistic is undefined when no item has two answers. */
    String noPairsReason() {
        if (size() == 0) {
            return Estimate.NO_DATA;
        }
        return distinctAnnotators() <= 1 ? Estimate.ONE_ANNOTATOR : Estimate.NO_PAIRS;
    }

    /**
     * A new data set whose unit {@code j} is a copy of item {@code picked[j]} (bootstrap resampling: an item
     * drawn twice becomes two units).
     */
    public Ratings selectItems(int[] picked) {
        int n = 0;
        for (int p : picked) {
            n += answersOn(p);
        }
        int[] it = new int[n];
        int[] an = new int[n];
        int[] la = new int[n];
        int w = 0;
        for (int j = 0; j < picked.length; j++) {
            for (int q = start[picked[j]]; q < start[picked[j] + 1]; q++) {
                int a = order[q];
                it[w] = j;
                an[w] = annotator[a];
                la[w++] = label[a];
            }
        }
        return wrap(it, an, la, picked.length, nAnnotators, nClasses);
    }
}
