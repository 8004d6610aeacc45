package dev.kappa.baseline;

import java.util.Arrays;

/**
 * One row's contributions to its confusion table, item by item in increasing item order: entry e adds
 * {@code weight[e]} to cell {@code cell[e]} = reference * (k + 1) + predicted + 1 (predicted -1, no label, is column
 * 0). Equal cells of one item are merged as they come, so an item with five identical answers costs one entry.
 */
final class RowEntries {
    private final int k;
    int[] item = new int[64];
    int[] cell = new int[64];
    double[] weight = new double[64];
    int size;
    int items;
    private int itemStart;
    private int current = -1;

    RowEntries(int k) {
        this.k = k;
    }

    static int cells(int k) {
        return k * (k + 1);
    }

    /** Appends another row's entries, all on later items than this row's. */
    void append(RowEntries o) {
        if (o.size > 0 && o.item[0] <= current) {
            throw new IllegalArgumentException("appended entries must come after this row's items");
        }
        if (size + o.size > item.length) {
            int cap = size + o.size;
            item = Arrays.copyOf(item, cap);
            cell = Arrays.copyOf(cell, cap);
            weight = Arrays.copyOf(weight, cap);
        }
        System.arraycopy(o.item, 0, item, size, o.size);
        System.arraycopy(o.cell, 0, cell, size, o.size);
        System.arraycopy(o.weight, 0, weight, size, o.size);
        size += o.size;
        items += o.items;
        if (o.size > 0) {
            current = o.item[o.size - 1];
            itemStart = size;
            while (itemStart > 0 && item[itemStart - 1] == current) {
                itemStart--;
            }
        }
    }

    /** Adds to item i, which must not be smaller than the last item added. */
    void add(int i, int reference, int predicted, double w) {
        if (i != current) {
            if (i < current) {
                throw new IllegalArgumentException("items must come in increasing order");
            }
            current = i;
            itemStart = size;
            items++;
        }
        int c = reference * (k + 1) + predicted + 1;
        for (int e = itemStart; e < size; e++) {
            if (cell[e] == c) {
                weight[e] += w;
                return;
            }
        }
        if (size == item.length) {
            int cap = size * 2;
            item = Arrays.copyOf(item, cap);
            cell = Arrays.copyOf(cell, cap);
            weight = Arrays.copyOf(weight, cap);
        }
        item[size] = i;
        cell[size] = c;
        weight[size++] = w;
    }
}
