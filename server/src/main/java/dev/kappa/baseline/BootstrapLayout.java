package dev.kappa.baseline;

import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.SumBootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each row lives in the one summed vector the bootstrap resamples: every row that is not thin ("live") gets
 * its own block of k * (k + 1) cells, and its metrics their own block of {@link RowMetrics#length} values, followed by
 * one block per run for the gap to the best tier.
 */
final class BootstrapLayout {
    final int k;
    final int minItems;
    private final List<RowEntries> slots = new ArrayList<>();
    private final List<Integer> live = new ArrayList<>();
    /** The first row of each live block. */
    private final List<RowEntries> firsts = new ArrayList<>();
    private int liveCount;
    private double[] pointSum;

    BootstrapLayout(int k, int minItems) {
        this.k = k;
        this.minItems = minItems;
    }

    /**
     * A row identical to one already added shares its block: against gold, a run's row on the crowd's items is
     * usually its row on every item, and resampling the same contributions twice would only cost time.
     */
    int add(RowEntries e) {
        slots.add(e);
        int shared = -1;
        for (int j = 0; j < firsts.size() && e.items >= minItems; j++) {
            if (same(firsts.get(j), e)) {
                shared = j;
                break;
            }
        }
        if (e.items < minItems) {
            live.add(-1);
        } else if (shared >= 0) {
            live.add(shared);
        } else {
            live.add(liveCount++);
            firsts.add(e);
        }
        return slots.size() - 1;
    }

    private static boolean same(RowEntries a, RowEntries b) {
        return a.size == b.size && a.items == b.items
                && Arrays.equals(a.item, 0, a.size, b.item, 0, b.size)
                && Arrays.equals(a.cell, 0, a.size, b.cell, 0, b.size)
                && Arrays.equals(a.weight, 0, a.size, b.weight, 0, b.size);
    }

    boolean thin(int slot) {
        return live.get(slot) < 0;
    }

    int live(int slot) {
        return live.get(slot);
    }

    int items(int slot) {
        return slots.get(slot).items;
    }

    int offset(int slot) {
        return live(slot) * RowEntries.cells(k);
    }

    /** Reference mass per class of a live row, at the point estimate. */
    double[] support(int slot) {
        double[] s = new double[k];
        int at = offset(slot);
        for (int r = 0; r < k; r++) {
            for (int c = 0; c <= k; c++) {
                s[r] += pointSum[at + r * (k + 1) + c];
            }
        }
        return s;
    }

    /** Per item (the bootstrap's unit), every live row's entries; items in no live row are not units. */
    SumBootstrap.Contributions contributions(int nItems) {
        int[] perItem = new int[nItems];
        for (RowEntries e : firsts) {
            for (int x = 0; x < e.size; x++) {
                perItem[e.item[x]]++;
            }
        }
        int[] unit = new int[nItems];
        int units = 0;
        for (int i = 0; i < nItems; i++) {
            unit[i] = perItem[i] > 0 ? units++ : -1;
        }
        int[] start = new int[units + 1];
        for (int i = 0; i < nItems; i++) {
            if (unit[i] >= 0) {
                start[unit[i] + 1] = start[unit[i]] + perItem[i];
            }
        }
        int total = start[units];
        int[] cell = new int[total];
        double[] weight = new double[total];
        int[] next = Arrays.copyOf(start, units);
        for (int j = 0; j < firsts.size(); j++) {
            RowEntries e = firsts.get(j);
            int offset = j * RowEntries.cells(k);
            for (int x = 0; x < e.size; x++) {
                int at = next[unit[e.item[x]]]++;
                cell[at] = offset + e.cell[x];
                weight[at] = e.weight[x];
            }
        }
        SumBootstrap.Contributions c = new SumBootstrap.Contributions(Math.max(1, liveCount * RowEntries.cells(k)), start, cell, weight);
        pointSum = c.sum(null);
        return c;
    }

    /** Metrics of every live row, then run r's gap (its row on the base tier minus that tier) for each run. */
    BaselineMath.Computed compute(SumBootstrap.Contributions c, int baseSlot, int[] gapModel, BaselineOptions o) {
        int length = RowMetrics.length(k);
        boolean[] gapLive = new boolean[gapModel.length];
        for (int r = 0; r < gapModel.length; r++) {
            gapLive[r] = baseSlot >= 0 && gapModel[r] >= 0 && !thin(baseSlot) && !thin(gapModel[r]);
        }
        int cells = RowEntries.cells(k);
        int n = liveCount;
        java.util.function.Function<double[], Estimate[]> statistics = sum -> {
            Estimate[] out = new Estimate[(n + gapModel.length) * length];
            for (int s = 0; s < n; s++) {
                RowMetrics.write(sum, s * cells, k, out, s * length);
            }
            Estimate none = Estimate.undefined("no gap");
            for (int r = 0; r < gapModel.length; r++) {
                int at = (n + r) * length;
                for (int j = 0; j < length; j++) {
                    out[at + j] = gapLive[r] ? RowMetrics.minus(out[live(gapModel[r]) * length + j],
                            out[live(baseSlot) * length + j]) : none;
                }
            }
            return out;
        };
        if (o.resamples() == 0) {
            return new BaselineMath.Computed(statistics.apply(pointSum), null, n, length, gapLive);
        }
        Bootstrap.Interval[] ci = SumBootstrap.percentiles(c, statistics, o.resamples(), o.seed(), o.level(), o.parallel());
        Estimate[] point = new Estimate[ci.length];
        for (int s = 0; s < ci.length; s++) {
            point[s] = ci[s].point();
        }
        return new BaselineMath.Computed(point, ci, n, length, gapLive);
    }
}
