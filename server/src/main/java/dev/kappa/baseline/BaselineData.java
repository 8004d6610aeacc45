package dev.kappa.baseline;

import java.util.Arrays;

/**
 * What a baseline is computed from, as primitive arrays: answer {@code a} is person {@code user[a]}'s class
 * {@code label[a]} for item {@code item[a]}, given under the expert tier if {@code expert[a]}, taking
 * {@code durationMs[a]} (-1 unknown). {@code gold[i]} is item i's gold class (-1 none) and {@code predictions[r][i]}
 * run r's class for item i (-1 none). Items are 0..nItems-1, people 0..nUsers-1, classes 0..nClasses-1.
 * Immutable once built; answers are also indexed by item ({@link #answersOf}).
 */
public final class BaselineData {
    final int nItems;
    final int nUsers;
    final int nClasses;
    final int[] item;
    final int[] user;
    final boolean[] expert;
    final int[] label;
    final int[] durationMs;
    final int[] gold;
    final int[][] predictions;
    /** Answers of item i are order[start[i] .. start[i+1]), in answer order. */
    final int[] start;
    final int[] order;

    public BaselineData(int nItems, int nUsers, int nClasses, int[] item, int[] user, boolean[] expert, int[] label,
                        int[] durationMs, int[] gold, int[][] predictions) {
        int n = item.length;
        if (user.length != n || expert.length != n || label.length != n || durationMs.length != n
                || gold.length != nItems || nClasses < 1) {
            throw new IllegalArgumentException("answer arrays must have one entry per answer and gold one per item");
        }
        for (int a = 0; a < n; a++) {
            if (item[a] < 0 || item[a] >= nItems || user[a] < 0 || user[a] >= nUsers || label[a] < 0 || label[a] >= nClasses) {
                throw new IllegalArgumentException("answer " + a + " is outside the item, user or class range");
            }
        }
        for (int[] run : predictions) {
            if (run.length != nItems || Arrays.stream(run).anyMatch(c -> c < -1 || c >= nClasses)) {
                throw new IllegalArgumentException("each run needs one class (or -1) per item");
            }
        }
        if (Arrays.stream(gold).anyMatch(c -> c < -1 || c >= nClasses)) {
            throw new IllegalArgumentException("gold classes must be -1 or 0.." + (nClasses - 1));
        }
        this.nItems = nItems;
        this.nUsers = nUsers;
        this.nClasses = nClasses;
        this.item = item;
        this.user = user;
        this.expert = expert;
        this.label = label;
        this.durationMs = durationMs;
        this.gold = gold;
        this.predictions = predictions;
        this.start = new int[nItems + 1];
        for (int i : item) {
            start[i + 1]++;
        }
        for (int i = 0; i < nItems; i++) {
            start[i + 1] += start[i];
        }
        this.order = new int[n];
        int[] next = Arrays.copyOf(start, nItems);
        for (int a = 0; a < n; a++) {
            order[next[item[a]]++] = a;
        }
    }

    public int nItems() {
        return nItems;
    }

    public int nClasses() {
        return nClasses;
    }

    public int runs() {
        return predictions.length;
    }

    public int answers() {
        return item.length;
    }

    /** Number of answers on item i. */
    int answersOn(int i) {
        return start[i + 1] - start[i];
    }

    /** The q-th answer (0-based) of item i. */
    int answerOf(int i, int q) {
        return order[start[i] + q];
    }
}
