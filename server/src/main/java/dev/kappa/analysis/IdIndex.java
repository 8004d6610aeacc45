package dev.kappa.analysis;

import java.util.Arrays;

/**
 * Database ids (long) to dense indices 0..n-1 in order of first sight, and back, in primitive arrays: an
 * open-addressing hash table (linear probing, load at most 1/2) instead of a {@code Map<Long, Integer>} whose
 * boxed entries would cost about 60 bytes per item at 200k items.
 */
public final class IdIndex {
    private long[] keys = new long[64];
    private int[] slots = filled(64);
    private long[] ids = new long[16];
    private int size;

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The index of {@code id}, assigning the next one if it is new. */
    public int add(long id) {
        int at = find(id);
        if (slots[at] >= 0) {
            return slots[at];
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        keys[at] = id;
        slots[at] = size;
        if (++size * 2 > slots.length) {
            grow();
        }
        return size - 1;
    }

    /** The index of {@code id}, or -1. */
    public int indexOf(long id) {
        return slots[find(id)];
    }

    public long id(int index) {
        return ids[index];
    }

    public int size() {
        return size;
    }

    /** A copy of the ids by index. */
    public long[] ids() {
        return Arrays.copyOf(ids, size);
    }

    private int find(long id) {
        int mask = slots.length - 1;
        int at = (int) (mix(id) & mask);
        while (slots[at] >= 0 && keys[at] != id) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void grow() {
        keys = new long[slots.length * 2];
        slots = filled(keys.length);
        for (int i = 0; i < size; i++) {
            int at = find(ids[i]);
            keys[at] = ids[i];
            slots[at] = i;
        }
    }

    /** Ids are sequential; a multiplicative mix spreads them over the table. */
    private static long mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
