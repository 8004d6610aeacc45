package dev.kappa.baseline;

import java.util.Arrays;

/**
 * Builds every row's contributions in one pass over the items.
 * <ul>
 * <li>Tier row: one answer of the tier drawn at random per item, in expectation: each of the item's m scorable
 *     answers adds 1/m to [its reference][its label], so every item weighs 1 however many answers it has. An answer
 *     is scorable when its reference, built without its author's answers, exists.</li>
 * <li>The same items scored for each model run: the run's label against the very references the answers met, with
 *     the same weights, so model and people are compared like for like; no prediction counts as wrong.</li>
 * <li>Consensus of k crowd answers: each k-subset of the item's crowd answers ({@link Subsets}) adds its majority
 *     against the reference built without the subset's authors; the item's scorable subsets share weight 1.</li>
 * <li>Each run on every item with a reference (built from everything), weight 1: the run's own score.</li>
 * </ul>
 */
final class BaselineRows {
    final BaselineData d;
    final Reference ref;
    final int maxK;
    /** [crowd, expert]. */
    final Tier[] tiers = new Tier[2];
    /**
     * consensus[k - 1], crowd answers, for k >= 2. k = 1 is the crowd tier row itself (a 1-subset's majority is its
     * one answer, against the same reference with the same weight), so it is not built twice.
     */
    final Human[] consensus;
    /** runs[r]: run r on every referenced item. */
    final RowEntries[] runs;

    /** A human row: its contributions, and who and how long. */
    static class Human {
        final RowEntries entries;
        final boolean[] users;
        int answers;

        Human(int k, int nUsers) {
            entries = new RowEntries(k);
            users = new boolean[nUsers];
        }

        void append(Human o) {
            entries.append(o.entries);
            for (int u = 0; u < users.length; u++) {
                users[u] |= o.users[u];
            }
            answers += o.answers;
        }

        int annotators() {
            int n = 0;
            for (boolean u : users) {
                n += u ? 1 : 0;
            }
            return n;
        }
    }

    /** A tier row, its answers' durations, and each run on its items. */
    static final class Tier extends Human {
        final RowEntries[] models;
        final int[] missing;
        double[] durations = new double[64];
        int timed;

        Tier(int k, int nUsers, int runs) {
            super(k, nUsers);
            models = new RowEntries[runs];
            for (int r = 0; r < runs; r++) {
                models[r] = new RowEntries(k);
            }
            missing = new int[runs];
        }

        void append(Tier o) {
            super.append(o);
            for (int r = 0; r < models.length; r++) {
                models[r].append(o.models[r]);
                missing[r] += o.missing[r];
            }
            if (timed + o.timed > durations.length) {
                durations = Arrays.copyOf(durations, timed + o.timed);
            }
            System.arraycopy(o.durations, 0, durations, timed, o.timed);
            timed += o.timed;
        }

        void duration(int ms) {
            if (ms < 0) {
                return;
            }
            if (timed == durations.length) {
                durations = Arrays.copyOf(durations, timed * 2);
            }
            durations[timed++] = ms / 1000.0;
        }
    }

    /**
     * Every row, built on {@code parts} threads over consecutive ranges of items and joined in item order, so the
     * result does not depend on how many threads built it.
     */
    static BaselineRows build(BaselineData d, Reference ref, int maxK, long seed, int parts) {
        int p = Math.max(1, Math.min(parts, d.nItems / 1000));
        if (p == 1) {
            return new BaselineRows(d, ref, maxK, seed, 0, d.nItems);
        }
        BaselineRows[] chunk = new BaselineRows[p];
        java.util.stream.IntStream.range(0, p).parallel().forEach(c -> chunk[c] = new BaselineRows(d, ref, maxK, seed,
                (int) ((long) d.nItems * c / p), (int) ((long) d.nItems * (c + 1) / p)));
        for (int c = 1; c < p; c++) {
            chunk[0].append(chunk[c]);
        }
        return chunk[0];
    }

    private void append(BaselineRows o) {
        for (int t = 0; t < 2; t++) {
            tiers[t].append(o.tiers[t]);
        }
        for (int j = 1; j < maxK; j++) {
            consensus[j].append(o.consensus[j]);
        }
        for (int r = 0; r < runs.length; r++) {
            runs[r].append(o.runs[r]);
        }
    }

    BaselineRows(BaselineData d, Reference ref, int maxK, long seed, int from, int to) {
        this.d = d;
        this.ref = ref;
        this.maxK = maxK;
        int k = d.nClasses;
        for (int t = 0; t < 2; t++) {
            tiers[t] = new Tier(k, d.nUsers, d.runs());
        }
        consensus = new Human[maxK];
        for (int j = 1; j < maxK; j++) {
            consensus[j] = new Human(k, d.nUsers);
        }
        runs = new RowEntries[d.runs()];
        for (int r = 0; r < runs.length; r++) {
            runs[r] = new RowEntries(k);
        }
        Scratch s = new Scratch(d);
        for (int i = from; i < to; i++) {
            tier(i, false, s);
            tier(i, true, s);
            consensus(i, seed, s);
            int full = ref.full(i);
            for (int r = 0; r < runs.length && full >= 0; r++) {
                runs[r].add(i, full, d.predictions[r][i], 1);
            }
        }
    }

    /** Per-item buffers, reused. */
    private static final class Scratch {
        final int[] answers;
        final int[] refs;
        final int[] one = new int[1];
        final int[] users;
        final int[] labels;
        final int[] votes;
        final double[] share;
        final int[] subsetRefs = new int[Subsets.MAX_SUBSETS];

        Scratch(BaselineData d) {
            int most = 0;
            for (int i = 0; i < d.nItems; i++) {
                most = Math.max(most, d.answersOn(i));
            }
            answers = new int[most];
            refs = new int[most];
            users = new int[most];
            labels = new int[most];
            votes = new int[d.nClasses];
            share = new double[d.nClasses];
        }
    }

    private int answersOfTier(int i, boolean expert, int[] out) {
        int m = 0;
        for (int q = d.start[i]; q < d.start[i + 1]; q++) {
            int a = d.order[q];
            if (d.expert[a] == expert) {
                out[m++] = a;
            }
        }
        return m;
    }

    private void tier(int i, boolean expert, Scratch s) {
        Tier row = tiers[expert ? 1 : 0];
        int m = answersOfTier(i, expert, s.answers);
        int scorable = 0;
        for (int j = 0; j < m; j++) {
            s.one[0] = d.user[s.answers[j]];
            s.refs[j] = ref.without(i, s.one, 1);
            scorable += s.refs[j] >= 0 ? 1 : 0;
        }
        if (scorable == 0) {
            return;
        }
        double w = 1.0 / scorable;
        boolean[] missing = new boolean[d.runs()];
        for (int j = 0; j < m; j++) {
            int a = s.answers[j];
            if (s.refs[j] < 0) {
                continue;
            }
            row.entries.add(i, s.refs[j], d.label[a], w);
            row.users[d.user[a]] = true;
            row.answers++;
            row.duration(d.durationMs[a]);
            for (int r = 0; r < d.runs(); r++) {
                row.models[r].add(i, s.refs[j], d.predictions[r][i], w);
                missing[r] = d.predictions[r][i] < 0;
            }
        }
        for (int r = 0; r < d.runs(); r++) {
            row.missing[r] += missing[r] ? 1 : 0;
        }
    }

    private void consensus(int i, long seed, Scratch s) {
        int m = answersOfTier(i, false, s.answers);
        for (int k = 2; k <= Math.min(m, maxK); k++) {
            Human row = consensus[k - 1];
            // first pass finds each subset's reference and counts the scorable ones; the second adds them with
            // weight 1 / that count (the subsets come in the same order both times)
            int[] at = {0, 0};
            Subsets.forEach(m, k, seed, i, (pos, n) -> {
                int r = reference(i, pos, n, s);
                s.subsetRefs[at[0]++] = r;
                at[1] += r >= 0 ? 1 : 0;
            });
            if (at[1] == 0) {
                continue;
            }
            double w = 1.0 / at[1];
            at[0] = 0;
            Subsets.forEach(m, k, seed, i, (pos, n) -> {
                int r = s.subsetRefs[at[0]++];
                if (r < 0) {
                    return;
                }
                for (int j = 0; j < n; j++) {
                    s.labels[j] = d.label[s.answers[pos[j]]];
                    row.users[d.user[s.answers[pos[j]]]] = true;
                }
                Subsets.majority(s.labels, n, s.votes, s.share);
                for (int c = 0; c < d.nClasses; c++) {
                    if (s.share[c] > 0) {
                        row.entries.add(i, r, c, w * s.share[c]);
                    }
                }
            });
            row.answers += m;
        }
    }

    private int reference(int i, int[] pos, int n, Scratch s) {
        for (int j = 0; j < n; j++) {
            s.users[j] = d.user[s.answers[pos[j]]];
        }
        return ref.without(i, s.users, n);
    }
}
