package dev.kappa.agreement;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.EstimateView;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Cohen;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.PairwiseCohen;
import dev.kappa.stats.Ratings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agreement response: coefficients with bootstrap intervals for a {@code single} or {@code rating} schema, or
 * for one label against the rest (the {@code label} filter); a {@code multi} schema is reported label by label as
 * present/absent, and its top-level coefficients say so instead of giving a number.
 */
final class AgreementReport {
    static final String MULTI = "multi-label schema: agreement is computed per label as present/absent, see per_label";

    private final AnswerSet set;
    private final AgreementRequest q;
    private final int resamples;
    private final String noResamples;
    private final Map<Long, String> external;

    /**
     * {@code noResamples}: why there are no intervals when {@code resamples} is 0; {@code external}: annotators'
     * external worker ids by user id, shown beside the top-level Cohen pairs.
     */
    AgreementReport(AnswerSet set, AgreementRequest q, int resamples, String noResamples, Map<Long, String> external) {
        this.set = set;
        this.q = q;
        this.resamples = resamples;
        this.noResamples = noResamples;
        this.external = external;
    }

    AgreementView.Coefficients build(int label) {
        LabelSpace space = set.space();
        if (label >= 0) {
            Ratings r = set.present(label);
            return new AgreementView.OneLabel(section(r, coefficients(false, 0, r), true).section());
        }
        if (space.multi()) {
            Estimate na = Estimate.undefined(MULTI);
            Map<String, AgreementView.PresentAbsent> perLabel = new LinkedHashMap<>();
            for (int c = 0; c < space.size(); c++) {
                Ratings r = set.present(c);
                perLabel.put(space.keys().get(c), new AgreementView.PresentAbsent(count(r, 1),
                        section(r, coefficients(false, 0, r), false).section()));
            }
            return new AgreementView.Multi(EstimateView.of(na, null, MULTI), EstimateView.of(na, null, MULTI),
                    EstimateView.of(na, null, MULTI), EstimateView.of(na, null, MULTI),
                    new AgreementView.Alpha(EstimateView.of(na, null, MULTI), null, null), perLabel);
        }
        Ratings r = set.ratings();
        Coefficients coef = coefficients(space.rating(), space.size(), r);
        Computed computed = section(r, coef, true);
        Cell[] cells = computed.cells();
        Map<String, AgreementView.LabelShare> perLabel = new LinkedHashMap<>();
        for (int c = 0; c < space.size(); c++) {
            int at = coef.labelAt(c);
            perLabel.put(space.keys().get(c), new AgreementView.LabelShare(count(r, c), cells[at].view(),
                    cells[at + 1].view(), cells[at + 2].view()));
        }
        return new AgreementView.AllLabels(computed.section(), perLabel);
    }

    /** One coefficient with its interval (or the reason it has none). */
    private record Cell(Estimate point, Bootstrap.Interval ci, String ciReason) {
        EstimateView view() {
            return EstimateView.of(point, ci, ciReason);
        }
    }

    /** A section's coefficients, and every cell computed (the per-label ones follow the section's). */
    private record Computed(AgreementView.Section section, Cell[] cells) {
    }

    /** {@code named}: give each Cohen pair its annotators' external worker ids too. */
    private Computed section(Ratings r, Coefficients coef, boolean named) {
        Cell[] cells = new Cell[coef.length()];
        if (resamples > 0) {
            Bootstrap.Interval[] ci = Bootstrap.percentiles(r, coef::compute, resamples, q.seed(), q.level(), false);
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new Cell(ci[j].point(), ci[j], null);
            }
        } else {
            Estimate[] point = coef.compute(r);
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new Cell(point[j], null, noResamples);
            }
        }
        AgreementView.Alpha alpha = coef.scale()
                ? new AgreementView.Alpha(cells[Coefficients.ALPHA_NOMINAL].view(), cells[Coefficients.ALPHA_ORDINAL].view(),
                        cells[Coefficients.ALPHA_INTERVAL].view())
                : new AgreementView.Alpha(cells[Coefficients.ALPHA_NOMINAL].view(), null, null);
        return new Computed(new AgreementView.Section(cells[Coefficients.PERCENT].view(),
                new AgreementView.Cohen(cells[Coefficients.COHEN].view(), q.minShared(), pairs(coef.originalPairs(), named)),
                cells[Coefficients.FLEISS].view(), alpha, cells[Coefficients.AC1].view()), cells);
    }

    private Coefficients coefficients(boolean scale, int perLabel, Ratings r) {
        return new Coefficients(scale, perLabel, q.minShared(), r, PairwiseCohen.of(r, q.minShared(), Cohen.Weights.NONE));
    }

    /** Every annotator pair sharing at least m items, by user id. */
    private List<AgreementView.Pair> pairs(PairwiseCohen.Result result, boolean named) {
        List<AgreementView.Pair> pairs = new ArrayList<>();
        for (PairwiseCohen.Pair p : result.pairs()) {
            long a = set.userId(p.a());
            long b = set.userId(p.b());
            pairs.add(new AgreementView.Pair(EstimateView.of(p.kappa()), List.of(a, b), p.shared(),
                    named ? java.util.Arrays.asList(external.get(a), external.get(b)) : null));
        }
        return pairs;
    }

    private static int count(Ratings r, int c) {
        int n = 0;
        for (int a = 0; a < r.size(); a++) {
            n += r.label(a) == c ? 1 : 0;
        }
        return n;
    }
}
