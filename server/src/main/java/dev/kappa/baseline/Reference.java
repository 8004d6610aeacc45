package dev.kappa.baseline;

/**
 * What answers and predictions are scored against. A reference built from answers must not contain the answers it
 * scores: {@link #without} gives item i's reference label with every answer of the listed people left out (their own
 * answers, replicates included), so a tier is never compared with itself. -1 means no reference for that item.
 */
public interface Reference {
    /** {@code gold}, {@code expert} or {@code consensus}. */
    String kind();

    /** Whether the label depends on answers (then scoring leaves the scored people out). */
    boolean fromAnswers();

    /** Whether answers of this tier make up the reference, so scoring that tier leaves people out. */
    boolean builtFrom(boolean expertTier);

    /** The reference class of item i ignoring the answers of users[0..nUsers), or -1. */
    int without(int item, int[] users, int nUsers);

    /** The reference class of item i from everything, or -1. */
    default int full(int item) {
        return without(item, null, 0);
    }

    static boolean listed(int user, int[] users, int nUsers) {
        for (int u = 0; u < nUsers; u++) {
            if (users[u] == user) {
                return true;
            }
        }
        return false;
    }
}
