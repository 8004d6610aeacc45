package dev.kappa.analysis;

import dev.kappa.stats.Ratings;

import java.util.Arrays;

/**
 * A project's answers (after filtering) in parallel primitive arrays, ready to become {@link Ratings}: answer
 * {@code a} is annotator {@code user[a]}'s label for item {@code item[a]}, given under the expert tier if
 * {@code expert[a]}. Items and annotators are dense indices; {@link #itemId} and {@link #userId} map them back.
 * A {@code single} or {@code rating} label is one class; a {@code multi} label is a bit set over the classes.
 */
public final class AnswerSet {
    private final LabelSpace space;
    private final IdIndex items;
    private final IdIndex users;
    private final int n;
    private final int[] item;
    private final int[] user;
    private final boolean[] expert;
    private final int[] label;
    private final long[] bits;
    private final int[] durationMs;
    private final int ignored;

    AnswerSet(LabelSpace space, IdIndex items, IdIndex users, int n, int[] item, int[] user, boolean[] expert,
              int[] label, long[] bits, int[] durationMs, int ignored) {
        this.space = space;
        this.items = items;
        this.users = users;
        this.n = n;
        this.item = item;
        this.user = user;
        this.expert = expert;
        this.label = label;
        this.bits = bits;
        this.durationMs = durationMs;
        this.ignored = ignored;
    }

    public LabelSpace space() {
        return space;
    }

    public int size() {
        return n;
    }

    public int nItems() {
        return items.size();
    }

    public int nAnnotators() {
        return users.size();
    }

    public long itemId(int index) {
        return items.id(index);
    }

    /** The dense index of an item id, or -1 when no (filtered) answer is on it. */
    public int itemIndex(long id) {
        return items.indexOf(id);
    }

    public long userId(int index) {
        return users.id(index);
    }

    public int userIndex(long id) {
        return users.indexOf(id);
    }

    /** Answers left out because their stored label does not fit the project's schema (edited since). */
    public int ignored() {
        return ignored;
    }

    public int item(int answer) {
        return item[answer];
    }

    public int user(int answer) {
        return user[answer];
    }

    public boolean expert(int answer) {
        return expert[answer];
    }

    /** Browser duration, else server duration, in ms; -1 when neither is known or durations were not loaded. */
    public int durationMs(int answer) {
        return durationMs == null ? -1 : durationMs[answer];
    }

    /** Whether answer {@code a} carries class {@code c} (its one class, or one of its multi labels). */
    public boolean has(int a, int c) {
        if (bits == null) {
            return label[a] == c;
        }
        return (bits[a * space.words() + (c >>> 6)] & (1L << (c & 63))) != 0;
    }

    /** All classes, annotators as people: for agreement on {@code single} and {@code rating} schemas. */
    public Ratings ratings() {
        return build(-1, false);
    }

    /** Class {@code c} against the rest: 1 present, 0 absent. This is how {@code multi} answers are judged. */
    public Ratings present(int c) {
        return build(c, false);
    }

    /**
     * For consensus: each (person, tier) is its own voter {@code 2 * user + (expert ? 1 : 0)}, because an answer
     * keeps the tier it was given under even if the person has changed tier since. {@code c} as in
     * {@link #present}, or -1 for all classes.
     */
    public Ratings byVoter(int c) {
        return build(c, true);
    }

    public static boolean expertVoter(int voter) {
        return (voter & 1) == 1;
    }

    public static int userOfVoter(int voter) {
        return voter >>> 1;
    }

    private Ratings build(int c, boolean byVoter) {
        if (c < 0 && bits != null) {
            throw new IllegalStateException("multi answers are analysed one label at a time");
        }
        int[] it = Arrays.copyOf(item, n);
        int[] an = new int[n];
        int[] la = new int[n];
        for (int a = 0; a < n; a++) {
            an[a] = byVoter ? 2 * user[a] + (expert[a] ? 1 : 0) : user[a];
            la[a] = c < 0 ? label[a] : has(a, c) ? 1 : 0;
        }
        int annotators = byVoter ? 2 * users.size() : users.size();
        return Ratings.of(it, an, la, items.size(), annotators, c < 0 ? space.size() : 2);
    }
}
