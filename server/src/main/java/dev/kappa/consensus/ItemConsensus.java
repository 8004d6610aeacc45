package dev.kappa.consensus;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.EstimateJson;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.DawidSkene;
import dev.kappa.stats.MajorityVote;
import dev.kappa.stats.PerItem;
import dev.kappa.stats.Ratings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The consensus of every answered item, and its per-item agreement (majority share and vote entropy). A
 * {@code single} or {@code rating} schema has one consensus over all classes; a {@code multi} schema one per label,
 * present (class 1) or absent (class 0).
 */
public final class ItemConsensus {
    private final AnswerSet set;
    private final ConsensusMethod method;
    private final Consensus[] parts;
    private final PerItem.Spread[] spreads;
    private int iterations;
    private boolean converged = true;

    private ItemConsensus(AnswerSet set, ConsensusMethod method, int n) {
        this.set = set;
        this.method = method;
        this.parts = new Consensus[n];
        this.spreads = new PerItem.Spread[n];
    }

    /** {@code tierWeights}: crowd then expert, for the weighted method. */
    public static ItemConsensus compute(AnswerSet set, ConsensusMethod method, double[] tierWeights, double tolerance,
                                        int maxIterations) {
        LabelSpace space = set.space();
        ItemConsensus out = new ItemConsensus(set, method, space.multi() ? space.size() : 1);
        for (int p = 0; p < out.parts.length; p++) {
            int c = space.multi() ? p : -1;
            Ratings people = c < 0 ? set.ratings() : set.present(c);
            out.spreads[p] = PerItem.of(people);
            out.parts[p] = switch (method) {
                case DAWID_SKENE -> out.fit(people, tolerance, maxIterations);
                case MAJORITY -> MajorityVote.of(set.byVoter(c), experts(2 * set.nAnnotators()));
                case WEIGHTED -> MajorityVote.byTier(set.byVoter(c), tiers(2 * set.nAnnotators()), tierWeights,
                        experts(2 * set.nAnnotators()));
            };
        }
        return out;
    }

    private Consensus fit(Ratings people, double tolerance, int maxIterations) {
        DawidSkene.Result r = DawidSkene.fit(people, tolerance, maxIterations);
        iterations = Math.max(iterations, r.iterations());
        converged &= r.converged();
        return r.consensus();
    }

    /** Voter v is (person v / 2, tier v % 2); odd voters answered as experts, who break majority ties. */
    private static boolean[] experts(int voters) {
        boolean[] e = new boolean[voters];
        for (int v = 0; v < voters; v++) {
            e[v] = AnswerSet.expertVoter(v);
        }
        return e;
    }

    private static int[] tiers(int voters) {
        int[] t = new int[voters];
        for (int v = 0; v < voters; v++) {
            t[v] = AnswerSet.expertVoter(v) ? 1 : 0;
        }
        return t;
    }

    public ConsensusMethod method() {
        return method;
    }

    /** Dawid-Skene: the most iterations any fit took (one fit per label for multi), and whether all converged. */
    public int iterations() {
        return iterations;
    }

    public boolean converged() {
        return converged;
    }

    /** The consensus over all classes (single/rating: pass -1), or of label c present/absent (multi). */
    public Consensus part(int c) {
        return parts[c < 0 ? 0 : c];
    }

    /** Majority share and vote entropy per item index, as {@link #part}. */
    public PerItem.Spread spread(int c) {
        return spreads[c < 0 ? 0 : c];
    }

    /**
     * The consensus class per item index as a reference for scoring annotators: for single/rating pass -1, for
     * multi the label whose presence (1) or absence (0) is asked. -1 where unresolved.
     */
    public int[] reference(int c) {
        return parts[c < 0 ? 0 : c].label().clone();
    }

    /** One JSONL line for an item of the project; {@code index} is its item index in the answers, -1 if none. */
    public JsonObject line(String externalId, int index) {
        JsonObject line = new JsonObject().put("item", externalId);
        LabelSpace space = set.space();
        if (index < 0) {
            return line.put("label", null).put("resolved", false).put("confidence", null).put("posterior", null)
                    .put("answers", 0).put("majority_share", null).put("entropy_bits", null);
        }
        JsonObject posterior = new JsonObject();
        if (!space.multi()) {
            Consensus c = parts[0];
            for (int k = 0; k < space.size(); k++) {
                posterior.put(space.keys().get(k), EstimateJson.number(c.support(index, k)));
            }
            int label = c.label()[index];
            line.put("label", label < 0 ? null : space.stored(label)).put("resolved", label >= 0)
                    .put("confidence", label < 0 ? null : EstimateJson.number(c.confidence(index)))
                    .put("posterior", posterior)
                    .put("answers", spreads[0].answers()[index])
                    .put("majority_share", EstimateJson.number(spreads[0].majorityShare()[index]))
                    .put("entropy_bits", EstimateJson.number(spreads[0].entropyBits()[index]));
            return line;
        }
        JsonArray keys = new JsonArray();
        JsonObject share = new JsonObject();
        JsonObject entropy = new JsonObject();
        boolean resolved = true;
        double confidence = 1;
        for (int k = 0; k < space.size(); k++) {
            String key = space.keys().get(k);
            Consensus c = parts[k];
            posterior.put(key, EstimateJson.number(c.support(index, 1)));
            share.put(key, EstimateJson.number(spreads[k].majorityShare()[index]));
            entropy.put(key, EstimateJson.number(spreads[k].entropyBits()[index]));
            int present = c.label()[index];
            resolved &= present >= 0;
            confidence = Math.min(confidence, c.confidence(index));
            if (present == 1) {
                keys.add(key);
            }
        }
        return line.put("label", resolved ? keys : null).put("resolved", resolved)
                .put("confidence", resolved ? EstimateJson.number(confidence) : null).put("posterior", posterior)
                .put("answers", spreads[0].answers()[index]).put("majority_share", share).put("entropy_bits", entropy);
    }
}
