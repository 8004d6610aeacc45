package dev.kappa.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report card as a paper's table: Markdown or LaTeX (booktabs), with the protocol in a note under it. */
final class ReportText {
    private ReportText() {
    }

    private record Row(String who, String accuracy, String f1, String difference) {
    }

    static String markdown(StudyReport r) {
        StringBuilder b = new StringBuilder();
        b.append("| Annotators | Accuracy (95% CI) | Macro-F1 (95% CI) | Model − majority (95% CI) |\n");
        b.append("|---|---|---|---|\n");
        for (Row row : rows(r)) {
            b.append("| ").append(md(row.who())).append(" | ").append(row.accuracy()).append(" | ").append(row.f1())
                    .append(" | ").append(row.difference()).append(" |\n");
        }
        b.append('\n').append(md(note(r))).append('\n');
        return b.toString();
    }

    static String latex(StudyReport r) {
        StringBuilder b = new StringBuilder();
        b.append("\\begin{tabular}{lccc}\n\\toprule\n");
        b.append("Annotators & Accuracy (95\\% CI) & Macro-F1 (95\\% CI) & Model $-$ majority (95\\% CI) \\\\\n\\midrule\n");
        for (Row row : rows(r)) {
            b.append(tex(row.who())).append(" & ").append(row.accuracy()).append(" & ").append(row.f1()).append(" & ")
                    .append(row.difference().replace("−", "$-$")).append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}\n\n% ").append(tex(note(r)).replace("\n", "\n% ")).append('\n');
        return b.toString();
    }

    private static List<Row> rows(StudyReport r) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Single " + r.study().tier() + " annotator", pct(r.singleAccuracy()), pct(r.singleMacroF1()), ""));
        rows.add(new Row("Majority of " + r.study().votesV(), pct(r.majorityAccuracy()), pct(r.majorityMacroF1()), ""));
        for (StudyReport.ModelLine m : r.models()) {
            rows.add(new Row(m.model() + " " + m.version() + " (n = " + m.items() + ")", pct(m.accuracy()), "",
                    signed(m.minusMajority())));
        }
        return rows;
    }

    private static String note(StudyReport r) {
        StudyRow s = r.study();
        StudyProgress p = r.progress();
        String rule = "fixed".equals(s.passRule()) ? String.format(Locale.ROOT, "accuracy at or above %.0f%%", 100 * s.passAccuracy())
                : "accuracy at or above the median of those who took it";
        String pay = s.payUnit() == null ? "pay not stated"
                : String.format(Locale.ROOT, "pay %.2f %s per %s", s.payAmount(), s.currency() == null ? "" : s.currency(), s.payUnit());
        String cost = Double.isFinite(r.cost().total())
                ? String.format(Locale.ROOT, "; cost %.2f in all, %.2f per point of majority accuracy", r.cost().total(), r.cost().perAccuracyPoint())
                : "";
        return String.format(Locale.ROOT, "Protocol: %d training items with the answer shown, %d qualification items (pass: %s), "
                        + "%d measurement items drawn %s from items with a gold label, %d votes each. %d annotators recruited, "
                        + "%d trained, %d qualified, %d took part. Median %.1f s per item; %s%s. Intervals: clustered by items and by "
                        + "annotators (two-way variance components from %d bootstrap resamples, t quantile with Satterthwaite df).",
                s.trainingN(), s.qualificationM(), rule, s.measurementK(), "stratified".equals(s.sampling()) ? "stratified by class" : "at random",
                s.votesV(), p.recruited(), p.trained(), p.qualified(), p.participating(), r.medianSecondsPerItem(), pay, cost, r.resamples());
    }

    private static String pct(StudyReport.Figure f) {
        if (!Double.isFinite(f.value())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", 100 * f.value(), 100 * f.lower(), 100 * f.upper());
    }

    private static String signed(StudyReport.Figure f) {
        if (!Double.isFinite(f.value())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%s [%s, %s]", sign(f.value()), sign(f.lower()), sign(f.upper()));
    }

    private static String sign(double x) {
        String s = String.format(Locale.ROOT, "%.1f", Math.abs(100 * x));
        return (x < 0 && !s.equals("0.0") ? "−" : "+") + s;
    }

    /** User text inert in a Markdown table cell. */
    static String md(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }

    /** User text inert in LaTeX. */
    static String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
