package dev.kappa.analysis;

import java.util.List;

/** Answer sets made in memory, for tests of what is computed from them (the database path is AnswerLoaderTest's). */
public final class AnswerSets {
    private AnswerSets() {
    }

    /**
     * Answers as {item id, user id, expert (0/1), class} rows; for a {@code multi} space the last entries are the
     * classes present (none: an empty answer).
     */
    public static AnswerSet of(LabelSpace space, List<long[]> rows) {
        int n = rows.size();
        IdIndex items = new IdIndex();
        IdIndex users = new IdIndex();
        int[] item = new int[n];
        int[] user = new int[n];
        boolean[] expert = new boolean[n];
        int[] label = space.multi() ? null : new int[n];
        long[] bits = space.multi() ? new long[n * space.words()] : null;
        int[] duration = new int[n];
        for (int a = 0; a < n; a++) {
            long[] r = rows.get(a);
            item[a] = items.add(r[0]);
            user[a] = users.add(r[1]);
            expert[a] = r[2] == 1;
            if (space.multi()) {
                for (int j = 3; j < r.length; j++) {
                    int c = (int) r[j];
                    bits[a * space.words() + (c >>> 6)] |= 1L << (c & 63);
                }
            } else {
                label[a] = (int) r[3];
            }
            duration[a] = 1000;
        }
        return new AnswerSet(space, items, users, n, item, user, expert, label, bits, duration, 0);
    }
}
