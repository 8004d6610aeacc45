package dev.kappa.quality;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Tier;
import dev.kappa.project.QualityPolicy;
import dev.kappa.analysis.AnswerSet;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.analysis.EstimateView;
import dev.kappa.analysis.Gold;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.stats.AnnotatorQuality;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.Wilson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
    record Person(String displayName, Tier tier, AccountStatus status, String externalId) {
    }

    /** One annotator's row: who, how much, how fast, scored against gold and against the consensus, and the flag. */
    record Annotator(long userId, String externalId, String displayName, Tier tier, AccountStatus status, int answers,
                     Double medianSeconds, Scored gold, Scored consensus, boolean flagged, String flagReason) {
    }

    /** Scores against one reference; the confusion matrix for single-label schemas, per_label for multi-label ones. */
    record Scored(int compared, EstimateView accuracy, EstimateView cohenKappa,
                  @JsonInclude(JsonInclude.Include.NON_NULL) long[][] confusion,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, LabelScored> perLabel) {
    }

    /** One label as present/absent. */
    record LabelScored(int compared, EstimateView accuracy, EstimateView cohenKappa, long[][] confusion) {
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

    List<Annotator> annotators(Map<Long, Person> people) {
        LabelSpace space = set.space();
        int n = set.nAnnotators();
        Scores vsGold = space.multi() ? multi(true) : single(gold.classes());
        Scores vsConsensus = space.multi() ? multi(false) : single(consensus.reference(-1));
        int[] answers = new int[n];
        for (int a = 0; a < set.size(); a++) {
            answers[set.user(a)]++;
        }
        double[][] seconds = seconds(answers);
        List<Annotator> out = new ArrayList<>();
        Integer[] order = new Integer[n];
        for (int u = 0; u < n; u++) {
            order[u] = u;
        }
        Arrays.sort(order, (x, y) -> Long.compare(set.userId(x), set.userId(y)));
        for (int u : order) {
            Person who = people.get(set.userId(u));
            boolean flagged = vsGold.accuracy[u].defined() && policy.flags(vsGold.compared[u], vsGold.accuracy[u].value());
            out.add(new Annotator(set.userId(u), who == null ? null : who.externalId(), who == null ? null : who.displayName(),
                    who == null ? null : who.tier(), who == null ? null : who.status(), answers[u],
                    EstimateView.number(AnnotatorQuality.median(seconds[u])), vsGold.scored(u), vsConsensus.scored(u), flagged,
                    flagged ? String.format("gold accuracy %.3f is below %.3f after %d gold answers",
                            vsGold.accuracy[u].value(), policy.minGoldAccuracy(), vsGold.compared[u]) : null));
        }
        return out;
    }

    /** Per annotator: answers compared, accuracy, kappa, confusion, and for multi the per-label breakdown. */
    private record Scores(int[] compared, Estimate[] accuracy, Estimate[] kappa, double[][][] confusion,
                          List<Map<String, LabelScored>> perLabel) {
        Scored scored(int u) {
            EstimateView acc = EstimateView.of(accuracy[u]);
            if (accuracy[u].defined() && compared[u] > 0) {
                // accuracy is a share of the compared answers, so the successes are accuracy x compared
                double[] ci = Wilson.interval(Math.rint(accuracy[u].value() * compared[u]), compared[u], Wilson.Z95);
                acc = EstimateView.of(accuracy[u], ci[0], ci[1], "wilson");
            }
            return new Scored(compared[u], acc, EstimateView.of(kappa[u]), confusion == null ? null : matrix(confusion[u]),
                    perLabel == null ? null : perLabel.get(u));
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
        List<Map<String, LabelScored>> perLabel = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            perLabel.add(new LinkedHashMap<>());
        }
        for (int c = 0; c < k; c++) {
            reference[c] = againstGold ? gold.present(c) : consensus.reference(c);
            AnnotatorQuality.Quality[] q = AnnotatorQuality.all(set.present(c), reference[c]);
            for (int u = 0; u < n; u++) {
                perLabel.get(u).put(space.keys().get(c), new LabelScored(q[u].compared(), EstimateView.of(q[u].accuracy()),
                        EstimateView.of(q[u].kappa()), matrix(q[u].confusion())));
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

    private static long[][] matrix(double[][] m) {
        long[][] rows = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            rows[i] = new long[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                rows[i][j] = (long) m[i][j];
            }
        }
        return rows;
    }
}
