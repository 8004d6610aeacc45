package dev.kappa.agreement;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.EstimateJson;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Cohen;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.PairwiseCohen;
import dev.kappa.stats.Ratings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

    AgreementReport(AnswerSet set, AgreementRequest q, int resamples) {
        this.set = set;
        this.q = q;
        this.resamples = resamples;
    }

    JsonObject build(int label) {
        LabelSpace space = set.space();
        JsonObject out = new JsonObject();
        if (label >= 0) {
            Ratings r = set.present(label);
            section(out, r, coefficients(false, 0, r));
        } else if (space.multi()) {
            Estimate na = Estimate.undefined(MULTI);
            for (String name : new String[] {"percent_agreement", "cohen_kappa", "fleiss_kappa", "gwet_ac1"}) {
                out.put(name, EstimateJson.of(na, null, MULTI));
            }
            out.put("krippendorff_alpha", new JsonObject().put("nominal", EstimateJson.of(na, null, MULTI)));
            JsonObject perLabel = new JsonObject();
            for (int c = 0; c < space.size(); c++) {
                Ratings r = set.present(c);
                JsonObject l = new JsonObject().put("answers_with_label", count(r, 1));
                section(l, r, coefficients(false, 0, r));
                perLabel.put(space.keys().get(c), l);
            }
            out.put("per_label", perLabel);
        } else {
            Ratings r = set.ratings();
            Coefficients coef = coefficients(space.rating(), space.size(), r);
            Cell[] cells = section(out, r, coef);
            JsonObject perLabel = new JsonObject();
            for (int c = 0; c < space.size(); c++) {
                int at = coef.labelAt(c);
                perLabel.put(space.keys().get(c), new JsonObject().put("answers", count(r, c))
                        .put("krippendorff_alpha", cells[at].json())
                        .put("fleiss_kappa", cells[at + 1].json())
                        .put("specific_agreement", cells[at + 2].json()));
            }
            out.put("per_label", perLabel);
        }
        return out;
    }

    /** One coefficient with its interval (or the reason it has none). */
    private record Cell(Estimate point, Bootstrap.Interval ci, String ciReason) {
        JsonObject json() {
            return EstimateJson.of(point, ci, ciReason);
        }
    }

    private Cell[] section(JsonObject out, Ratings r, Coefficients coef) {
        Cell[] cells = new Cell[coef.length()];
        if (resamples > 0) {
            Bootstrap.Interval[] ci = Bootstrap.percentiles(r, coef::compute, resamples, q.seed(), q.level(), false);
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new Cell(ci[j].point(), ci[j], null);
            }
        } else {
            Estimate[] point = coef.compute(r);
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new Cell(point[j], null, "no bootstrap asked (resamples=0)");
            }
        }
        out.put("percent_agreement", cells[Coefficients.PERCENT].json());
        out.put("cohen_kappa", cells[Coefficients.COHEN].json().put("min_shared_items", q.minShared())
                .put("pairs", pairs(coef.originalPairs())));
        out.put("fleiss_kappa", cells[Coefficients.FLEISS].json());
        JsonObject alpha = new JsonObject().put("nominal", cells[Coefficients.ALPHA_NOMINAL].json());
        if (coef.scale()) {
            alpha.put("ordinal", cells[Coefficients.ALPHA_ORDINAL].json()).put("interval", cells[Coefficients.ALPHA_INTERVAL].json());
        }
        out.put("krippendorff_alpha", alpha);
        out.put("gwet_ac1", cells[Coefficients.AC1].json());
        return cells;
    }

    private Coefficients coefficients(boolean scale, int perLabel, Ratings r) {
        return new Coefficients(scale, perLabel, q.minShared(), r, PairwiseCohen.of(r, q.minShared(), Cohen.Weights.NONE));
    }

    /** Every annotator pair sharing at least m items, by user id. */
    private JsonArray pairs(PairwiseCohen.Result result) {
        JsonArray pairs = new JsonArray();
        for (PairwiseCohen.Pair p : result.pairs()) {
            pairs.add(EstimateJson.of(p.kappa())
                    .put("annotators", new JsonArray().add(set.userId(p.a())).add(set.userId(p.b())))
                    .put("shared_items", p.shared()));
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
