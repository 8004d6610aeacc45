package dev.kappa.quality;

import dev.kappa.project.QualityPolicy;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.EstimateJson;
import dev.kappa.analysis.Gold;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.stats.AnnotatorQuality;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.Wilson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;

/**
 * Each annotator's answers scored against gold and against the consensus: accuracy, Cohen's kappa and the confusion
 * matrix (rows the reference label, columns the annotator's, both in schema order), answer count, median time, and
 * the policy's flag. A {@code multi} schema is scored label by label as present/absent, and its accuracy is the
 * share of answers whose whole label set matches. The consensus includes the annotator's own answers.
 */
final class QualityReport {
    static final String MULTI = "multi-label schema: kappa is per label, see per_label";

    /** Who an annotator is now (their tier may differ from the tier of some answers). */
    record Person(String displayName, String tier, String status, String externalId) {
    }

    private final AnswerSet set;
    private final Gold gold;
    private final ItemConsensus consensus;
    private final QualityPolicy policy;

    QualityReport(AnswerSet set, Gold gold, ItemConsensus consensus, QualityPolicy policy) {
        this.set = set;
        this.gold = gold;
        this.consensus = consensus;
        this.policy = policy;
    }

    JsonArray annotators(Map<Long, Person> people) {
        LabelSpace space = set.space();
        int n = set.nAnnotators();
        Scores vsGold = space.multi() ? multi(true) : single(gold.classes());
        Scores vsConsensus = space.multi() ? multi(false) : single(consensus.reference(-1));
        int[] answers = new int[n];
        for (int a = 0; a < set.size(); a++) {
            answers[set.user(a)]++;
        }
        double[][] seconds = seconds(answers);
        JsonArray out = new JsonArray();
        Integer[] order = new Integer[n];
        for (int u = 0; u < n; u++) {
            order[u] = u;
        }
        Arrays.sort(order, (x, y) -> Long.compare(set.userId(x), set.userId(y)));
        for (int u : order) {
            Person who = people.get(set.userId(u));
            JsonObject g = vsGold.json(u);
            boolean flagged = vsGold.accuracy[u].defined() && policy.flags(vsGold.compared[u], vsGold.accuracy[u].value());
            out.add(new JsonObject().put("user_id", set.userId(u))
                    .put("external_id", who == null ? null : who.externalId())
                    .put("display_name", who == null ? null : who.displayName())
                    .put("tier", who == null ? null : who.tier())
                    .put("status", who == null ? null : who.status())
                    .put("answers", answers[u])
                    .put("median_seconds", EstimateJson.number(AnnotatorQuality.median(seconds[u])))
                    .put("gold", g)
                    .put("consensus", vsConsensus.json(u))
                    .put("flagged", flagged)
                    .put("flag_reason", flagged ? String.format("gold accuracy %.3f is below %.3f after %d gold answers",
                            vsGold.accuracy[u].value(), policy.minGoldAccuracy(), vsGold.compared[u]) : null));
        }
        return out;
    }

    /** Per annotator: answers compared, accuracy, kappa, confusion, and for multi the per-label breakdown. */
    private record Scores(int[] compared, Estimate[] accuracy, Estimate[] kappa, double[][][] confusion, JsonObject[] perLabel) {
        JsonObject json(int u) {
            JsonObject acc = EstimateJson.of(accuracy[u]);
            if (accuracy[u].defined() && compared[u] > 0) {
                // accuracy is a share of the compared answers, so the successes are accuracy x compared
                double[] ci = Wilson.interval(Math.rint(accuracy[u].value() * compared[u]), compared[u], Wilson.Z95);
                acc.put("ci", new JsonArray().add(ci[0]).add(ci[1])).put("ci_method", "wilson");
            }
            JsonObject o = new JsonObject().put("compared", compared[u]).put("accuracy", acc)
                    .put("cohen_kappa", EstimateJson.of(kappa[u]));
            if (confusion != null) {
                o.put("confusion", matrix(confusion[u]));
            }
            if (perLabel != null) {
                o.put("per_label", perLabel[u]);
            }
            return o;
        }
    }

    private Scores single(int[] reference) {
        AnnotatorQuality.Quality[] q = AnnotatorQuality.all(set.ratings(), reference);
        int n = q.length;
        Scores s = new Scores(new int[n], new Estimate[n], new Estimate[n], new double[n][][], null);
        for (int u = 0; u < n; u++) {
            s.compared[u] = q[u].compared();
            s.accuracy[u] = q[u].accuracy();
            s.kappa[u] = q[u].kappa();
            s.confusion[u] = q[u].confusion();
        }
        return s;
    }

    /** Each label as present/absent, plus the exact-match accuracy of the whole set. */
    private Scores multi(boolean againstGold) {
        LabelSpace space = set.space();
        int n = set.nAnnotators();
        int k = space.size();
        int[][] reference = new int[k][];
        JsonObject[] perLabel = new JsonObject[n];
        for (int u = 0; u < n; u++) {
            perLabel[u] = new JsonObject();
        }
        for (int c = 0; c < k; c++) {
            reference[c] = againstGold ? gold.present(c) : consensus.reference(c);
            AnnotatorQuality.Quality[] q = AnnotatorQuality.all(set.present(c), reference[c]);
            for (int u = 0; u < n; u++) {
                perLabel[u].put(space.keys().get(c), new JsonObject().put("compared", q[u].compared())
                        .put("accuracy", EstimateJson.of(q[u].accuracy())).put("cohen_kappa", EstimateJson.of(q[u].kappa()))
                        .put("confusion", matrix(q[u].confusion())));
            }
        }
        Scores s = new Scores(new int[n], new Estimate[n], new Estimate[n], null, perLabel);
        int[] right = new int[n];
        for (int a = 0; a < set.size(); a++) {
            int i = set.item(a);
            boolean referenced = true;
            boolean match = true;
            for (int c = 0; c < k && referenced; c++) {
                referenced = reference[c][i] >= 0;
                match &= set.has(a, c) == (reference[c][i] == 1);
            }
            if (referenced) {
                s.compared[set.user(a)]++;
                right[set.user(a)] += match ? 1 : 0;
            }
        }
        for (int u = 0; u < n; u++) {
            s.accuracy[u] = s.compared[u] == 0 ? Estimate.undefined("no answers on referenced items")
                    : Estimate.of((double) right[u] / s.compared[u]);
            s.kappa[u] = Estimate.undefined(MULTI);
        }
        return s;
    }

    /** Known durations per annotator in seconds (browser time, else server time). */
    private double[][] seconds(int[] answers) {
        double[][] out = new double[answers.length][];
        int[] fill = new int[answers.length];
        for (int u = 0; u < out.length; u++) {
            out[u] = new double[answers[u]];
            Arrays.fill(out[u], Double.NaN);
        }
        for (int a = 0; a < set.size(); a++) {
            int ms = set.durationMs(a);
            int u = set.user(a);
            out[u][fill[u]++] = ms < 0 ? Double.NaN : ms / 1000.0;
        }
        return out;
    }

    private static JsonArray matrix(double[][] m) {
        JsonArray rows = new JsonArray();
        for (double[] row : m) {
            JsonArray r = new JsonArray();
            for (double v : row) {
                r.add((long) v);
            }
            rows.add(r);
        }
        return rows;
    }
}
