package dev.kappa.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws a study's items from the project's reference items, reproducibly from the study's seed: training and
 * qualification items at random, then the K measurement items from the rest, at random or stratified by reference
 * class. The three sets never overlap.
 *
 * <p>Stratified: each class gets K times its share of the remaining pool, rounded by largest remainder (Hamilton's
 * method), so the measurement set's class mix matches the pool's as closely as whole numbers allow (proportional
 * allocation, W. G. Cochran, Sampling Techniques, 3rd ed., 1977, §5.5).
 */
final class StudyDraw {
    private StudyDraw() {
    }

    /** Item ids per phase, in serving order. */
    record Drawn(long[] training, long[] qualification, long[] measurement) {
    }

    /**
     * @param ids   the reference items (ids, in a stable order)
     * @param class the reference label of each, as a string key
     */
    static Drawn draw(long[] ids, String[] klass, int n, int m, int k, boolean stratified, long seed) {
        if (n + m + k > ids.length) {
            throw new IllegalArgumentException("need " + (n + m + k) + " reference items, the project has " + ids.length);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = shuffled(ids.length, rng);
        long[] training = pick(ids, order, 0, n);
        long[] qualification = pick(ids, order, n, m);
        int[] rest = Arrays.copyOfRange(order, n + m, order.length);
        if (!stratified) {
            return new Drawn(training, qualification, pick(ids, rest, 0, k));
        }
        // Classes in a fixed order; within a class the members keep the shuffled order, so the first quota are random.
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i : rest) {
            byClass.computeIfAbsent(klass[i], x -> new ArrayList<>()).add(i);
        }
        int[] quota = allocate(byClass.values().stream().mapToInt(List::size).toArray(), k);
        List<Integer> chosen = new ArrayList<>();
        int c = 0;
        for (List<Integer> members : byClass.values()) {
            chosen.addAll(members.subList(0, quota[c++]));
        }
        int[] picked = chosen.stream().mapToInt(Integer::intValue).toArray();
        // Serve in random order, not class by class.
        int[] mix = shuffled(picked.length, rng);
        long[] measurement = new long[picked.length];
        for (int i = 0; i < picked.length; i++) {
            measurement[i] = ids[picked[mix[i]]];
        }
        return new Drawn(training, qualification, measurement);
    }

    /** Largest-remainder allocation of k over strata of the given sizes (never more than a stratum holds). */
    static int[] allocate(int[] sizes, int k) {
        long total = Arrays.stream(sizes).asLongStream().sum();
        int[] quota = new int[sizes.length];
        double[] remainder = new double[sizes.length];
        int given = 0;
        for (int c = 0; c < sizes.length; c++) {
            double exact = (double) k * sizes[c] / total;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        while (given < k) {
            int best = -1;
            for (int c = 0; c < sizes.length; c++) {
                if (quota[c] < sizes[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            given++;
        }
        return quota;
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long[] pick(long[] ids, int[] order, int from, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = ids[order[from + i]];
        }
        return out;
    }
}
