package dev.kappa.baseline;

import dev.kappa.stats.Estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline's tables as CSV for notebooks: {@code rows} (one line per tier, run-on-tier, consensus-of-k and run
 * row, headline metrics with interval bounds), {@code classes} (the same rows by class) and {@code gap} (long format).
 * Thin rows keep their n and reason, with empty metric cells.
 */
public final class BaselineCsv {
    private static final List<String> ID = List.of("section", "row", "tier", "k", "run_id", "model", "version", "reference",
            "n_items", "n_annotators", "thin", "reason");

    private BaselineCsv() {
    }

    /** One row of any section, with what identifies it. */
    private record Line(String section, String row, String tier, Integer k, Integer run, Integer annotators,
                        BaselineReport.Scores scores, Estimate median, Estimate mean, Estimate cost, Integer missing) {
    }

    public static String of(Baseline b, String table) {
        return switch (table) {
            case "classes" -> classes(b);
            case "gap" -> gap(b);
            default -> rows(b);
        };
    }

    private static List<Line> lines(Baseline b) {
        BaselineReport r = b.report();
        List<Line> out = new ArrayList<>();
        Estimate none = Estimate.undefined("");
        for (BaselineReport.Tier t : List.of(r.crowd(), r.expert())) {
            out.add(new Line("tier", t.tier(), t.tier(), null, null, t.nAnnotators(), t.scores(), t.medianSeconds(),
                    t.meanSeconds(), t.costPerLabel(), null));
            for (BaselineReport.ModelRow m : t.models()) {
                out.add(new Line("run_on_tier", t.tier() + ":" + b.runs().get(m.run()).name(), t.tier(), null, m.run(), null,
                        m.scores(), none, none, none, m.missing()));
            }
        }
        for (BaselineReport.ConsensusRow c : r.consensus()) {
            out.add(new Line("consensus_of_k", "crowd k=" + c.k(), "crowd", c.k(), null, c.nAnnotators(), c.scores(), none,
                    c.secondsPerItem(), c.costPerItem(), null));
        }
        for (BaselineReport.RunRow run : r.runs()) {
            out.add(new Line("run", b.runs().get(run.run()).name(), null, null, run.run(), null, run.scores(), none, none,
                    none, run.missing()));
        }
        return out;
    }

    private static void id(Csv csv, Baseline b, Line l) {
        ModelRun m = l.run() == null ? null : b.runs().get(l.run());
        BaselineReport.Scores s = l.scores();
        csv.cell(l.section()).cell(l.row()).cell(l.tier()).cell(l.k()).cell(m == null ? null : m.id())
                .cell(m == null ? null : m.model()).cell(m == null ? null : m.version()).cell(b.report().reference())
                .cell(s.nItems()).cell(l.annotators()).cell(s.thin()).cell(s.thinReason());
    }

    private static String rows(Baseline b) {
        List<String> header = new ArrayList<>(ID);
        header.addAll(Csv.withIntervals("accuracy", "macro_f1", "cohen_kappa"));
        header.addAll(List.of("median_seconds", "mean_seconds", "cost", "missing_predictions", "latency_ms", "size_mb",
                "cost_per_1k"));
        Csv csv = new Csv(header);
        for (Line l : lines(b)) {
            id(csv, b, l);
            BaselineReport.Scores s = l.scores();
            for (int m : new int[] {RowMetrics.ACCURACY, RowMetrics.MACRO_F1, RowMetrics.KAPPA}) {
                csv.estimate(s.metric(m), s.interval(m));
            }
            ModelRun run = l.run() == null ? null : b.runs().get(l.run());
            csv.estimate(l.median()).estimate(l.mean()).estimate(l.cost()).cell(l.missing())
                    .cell(run == null ? null : run.latencyMs()).cell(run == null ? null : run.sizeMb())
                    .cell(run == null ? null : run.costPer1k()).end();
        }
        return csv.toString();
    }

    private static String classes(Baseline b) {
        List<String> header = new ArrayList<>(ID);
        header.add("class");
        header.addAll(Csv.withIntervals("precision", "recall", "f1"));
        header.add("support");
        Csv csv = new Csv(header);
        for (Line l : lines(b)) {
            BaselineReport.Scores s = l.scores();
            for (int c = 0; c < b.space().size(); c++) {
                id(csv, b, l);
                csv.cell(b.space().keys().get(c));
                for (int m : new int[] {RowMetrics.precision(c), RowMetrics.recall(c), RowMetrics.f1(c)}) {
                    csv.estimate(s.metric(m), s.interval(m));
                }
                csv.cell(s.thin() ? null : s.support()[c]).end();
            }
        }
        return csv.toString();
    }

    private static String gap(Baseline b) {
        Csv csv = new Csv(List.of("run_id", "model", "version", "versus", "reference", "metric", "class", "value", "low", "high"));
        BaselineReport r = b.report();
        for (BaselineReport.Gap g : r.gaps()) {
            ModelRun m = b.runs().get(g.run());
            BaselineReport.Scores s = g.difference();
            String[] names = {"accuracy", "macro_f1", "cohen_kappa"};
            for (int x = 0; x < 3; x++) {
                csv.cell(m.id()).cell(m.model()).cell(m.version()).cell(r.gapVersus()).cell(r.reference()).cell(names[x])
                        .cell(null).estimate(s.metric(x), s.interval(x)).end();
            }
            for (int c = 0; c < b.space().size(); c++) {
                int[] idx = {RowMetrics.precision(c), RowMetrics.recall(c), RowMetrics.f1(c)};
                String[] per = {"precision", "recall", "f1"};
                for (int x = 0; x < 3; x++) {
                    csv.cell(m.id()).cell(m.model()).cell(m.version()).cell(r.gapVersus()).cell(r.reference()).cell(per[x])
                            .cell(b.space().keys().get(c)).estimate(s.metric(idx[x]), s.interval(idx[x])).end();
                }
            }
        }
        return csv.toString();
    }
}
