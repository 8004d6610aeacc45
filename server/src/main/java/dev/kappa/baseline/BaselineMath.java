package dev.kappa.baseline;

import dev.kappa.stats.AnnotatorQuality;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.SumBootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The baseline report from answers, gold and predictions: pure, arrays in and numbers out. Rows are built by
 * {@link BaselineRows}; every row that is not thin goes into one bootstrap over items, so that all intervals, and the paired
 * model-minus-people gaps, come from the same resamples.
 */
public final class BaselineMath {
    private BaselineMath() {
    }

    /** The reference named {@code gold}, {@code expert} or {@code consensus}. */
    public static Reference reference(String kind, BaselineData d) {
        return switch (kind) {
            case "gold" -> new GoldReference(d);
            case "expert" -> new ExpertReference(d);
            case "consensus" -> new ConsensusReference(d);
            default -> throw new IllegalArgumentException("unknown reference " + kind);
        };
    }

    public static BaselineReport compute(BaselineData d, Reference ref, BaselineOptions o) {
        int k = d.nClasses;
        int maxK = Math.max(1, Math.min(o.maxK(), mostCrowdAnswers(d)));
        BaselineRows rows = BaselineRows.build(d, ref, maxK, o.seed(), o.parallel() ? Runtime.getRuntime().availableProcessors() : 1);
        BootstrapLayout layout = new BootstrapLayout(k, o.minItems());
        int[] tierSlot = new int[2];
        int[][] modelSlot = new int[2][d.runs()];
        for (int t = 0; t < 2; t++) {
            tierSlot[t] = layout.add(rows.tiers[t].entries);
            for (int r = 0; r < d.runs(); r++) {
                modelSlot[t][r] = layout.add(rows.tiers[t].models[r]);
            }
        }
        int[] consensusSlot = new int[maxK];
        consensusSlot[0] = tierSlot[0];
        for (int j = 1; j < maxK; j++) {
            consensusSlot[j] = layout.add(rows.consensus[j].entries);
        }
        int[] runSlot = new int[d.runs()];
        for (int r = 0; r < d.runs(); r++) {
            runSlot[r] = layout.add(rows.runs[r]);
        }
        SumBootstrap.Contributions contributions = layout.contributions(d.nItems);
        double[] pointSum = contributions.sum(null);
        int best = bestTier(layout, tierSlot, pointSum, k);
        int[] gapModel = new int[d.runs()];
        for (int r = 0; r < d.runs(); r++) {
            gapModel[r] = best < 0 ? -1 : modelSlot[best][r];
        }
        int base = best < 0 ? -1 : tierSlot[best];
        Computed c = layout.compute(contributions, base, gapModel, o);

        BaselineReport.Tier[] tiers = new BaselineReport.Tier[2];
        for (int t = 0; t < 2; t++) {
            tiers[t] = tier(rows.tiers[t], t == 1, ref, layout, c, tierSlot[t], modelSlot[t], o);
        }
        List<BaselineReport.ConsensusRow> consensus = new ArrayList<>();
        Estimate crowdMean = tiers[0].meanSeconds();
        for (int j = 0; j < maxK; j++) {
            BaselineRows.Human h = j == 0 ? rows.tiers[0] : rows.consensus[j];
            int kk = j + 1;
            Estimate seconds = crowdMean.defined() ? Estimate.of(kk * crowdMean.value()) : crowdMean;
            Estimate cost = tiers[0].costPerLabel().defined() ? Estimate.of(kk * tiers[0].costPerLabel().value())
                    : tiers[0].costPerLabel();
            consensus.add(new BaselineReport.ConsensusRow(kk, h.entries.items, h.annotators(), seconds, cost,
                    c.scores(layout, consensusSlot[j])));
        }
        List<BaselineReport.RunRow> runs = new ArrayList<>();
        for (int r = 0; r < d.runs(); r++) {
            runs.add(new BaselineReport.RunRow(r, rows.runs[r].items, missing(rows.runs[r], k), c.scores(layout, runSlot[r])));
        }
        List<BaselineReport.Gap> gaps = new ArrayList<>();
        for (int r = 0; r < d.runs() && best >= 0; r++) {
            gaps.add(new BaselineReport.Gap(r, c.gap(layout, r)));
        }
        int referenced = 0;
        for (int i = 0; i < d.nItems; i++) {
            referenced += ref.full(i) >= 0 ? 1 : 0;
        }
        return new BaselineReport(ref.kind(), referenced, k, o, tiers[0], tiers[1], consensus, match(tiers[1], consensus),
                runs, best < 0 ? null : best == 1 ? "expert" : "crowd", gaps);
    }

    private static BaselineReport.Tier tier(BaselineRows.Tier row, boolean expert, Reference ref, BootstrapLayout layout, Computed c,
                                            int slot, int[] modelSlots, BaselineOptions o) {
        double[] seconds = Arrays.copyOf(row.durations, row.timed);
        Estimate median = AnnotatorQuality.median(seconds);
        Estimate mean = row.timed == 0 ? Estimate.undefined("no answer with a known duration")
                : Estimate.of(Arrays.stream(seconds).sum() / row.timed);
        double rate = o.hourlyRate(expert);
        Estimate cost = Double.isNaN(rate) ? Estimate.undefined("the project has no hourly rate for this tier")
                : !mean.defined() ? mean : Estimate.of(rate * mean.value() / 3600);
        List<BaselineReport.ModelRow> models = new ArrayList<>();
        for (int r = 0; r < modelSlots.length; r++) {
            models.add(new BaselineReport.ModelRow(r, row.models[r].items, row.missing[r], c.scores(layout, modelSlots[r])));
        }
        return new BaselineReport.Tier(expert ? "expert" : "crowd", ref.builtFrom(expert), row.entries.items, row.answers,
                row.annotators(), row.timed, median, mean, cost, c.scores(layout, slot), models);
    }

    /** The tier with the higher macro-F1 (expert on a tie), or -1 when neither has numbers. */
    private static int bestTier(BootstrapLayout layout, int[] tierSlot, double[] sum, int k) {
        int best = -1;
        double value = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 2; t++) {
            if (layout.thin(tierSlot[t])) {
                continue;
            }
            Estimate[] m = new Estimate[RowMetrics.length(k)];
            RowMetrics.write(sum, layout.offset(tierSlot[t]), k, m, 0);
            if (m[RowMetrics.MACRO_F1].defined() && m[RowMetrics.MACRO_F1].value() >= value) {
                value = m[RowMetrics.MACRO_F1].value();
                best = t;
            }
        }
        return best;
    }

    private static BaselineReport.Match match(BaselineReport.Tier expert, List<BaselineReport.ConsensusRow> rows) {
        Estimate target = expert.scores().metric(RowMetrics.ACCURACY);
        if (!target.defined()) {
            return new BaselineReport.Match(null, target, "the expert tier has no accuracy: " + target.reason());
        }
        for (BaselineReport.ConsensusRow row : rows) {
            Estimate acc = row.scores().metric(RowMetrics.ACCURACY);
            if (acc.defined() && acc.value() >= target.value()) {
                return new BaselineReport.Match(row.k(), target, null);
            }
        }
        return new BaselineReport.Match(null, target, "no consensus of 1.." + rows.size()
                + " crowd answers with numbers reaches the expert tier's accuracy");
    }

    private static int mostCrowdAnswers(BaselineData d) {
        int[] perItem = new int[d.nItems];
        int most = 0;
        for (int a = 0; a < d.answers(); a++) {
            if (!d.expert[a]) {
                most = Math.max(most, ++perItem[d.item[a]]);
            }
        }
        return most;
    }

    /** Items of a run row whose prediction is missing: their mass sits in the no-label column. */
    private static int missing(RowEntries e, int k) {
        int n = 0;
        int last = -1;
        for (int x = 0; x < e.size; x++) {
            if (e.cell[x] % (k + 1) == 0 && e.item[x] != last) {
                n++;
                last = e.item[x];
            }
        }
        return n;
    }

    /** The point estimates and intervals of every slot and gap. */
    record Computed(Estimate[] point, Bootstrap.Interval[] ci, int slots, int length, boolean[] gapLive) {
        BaselineReport.Scores scores(BootstrapLayout layout, int slot) {
            int n = layout.items(slot);
            if (layout.thin(slot)) {
                String reason = n == 0 ? "no reference items"
                        : "thin data: " + n + " reference items, fewer than the " + layout.minItems + " needed";
                return new BaselineReport.Scores(n, true, reason, null, null, null);
            }
            int at = layout.live(slot) * length;
            return new BaselineReport.Scores(n, false, null, layout.support(slot), Arrays.copyOfRange(point, at, at + length),
                    ci == null ? null : Arrays.copyOfRange(ci, at, at + length));
        }

        BaselineReport.Scores gap(BootstrapLayout layout, int run) {
            int at = (slots + run) * length;
            if (!gapLive[run]) {
                return new BaselineReport.Scores(0, true, "the run's row on the best tier's items is thin", null, null, null);
            }
            return new BaselineReport.Scores(0, false, null, null, Arrays.copyOfRange(point, at, at + length),
                    ci == null ? null : Arrays.copyOfRange(ci, at, at + length));
        }
    }
}
