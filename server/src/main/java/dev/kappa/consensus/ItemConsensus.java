package dev.kappa.consensus;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.http.JsonText;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.DawidSkene;
import dev.kappa.stats.MajorityVote;
import dev.kappa.stats.PerItem;
import dev.kappa.stats.Ratings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

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

    /** One line for an item of the project as a JSON object (see {@link #appendLine}). */
    public JsonObject line(String externalId, int index) {
        StringBuilder sb = new StringBuilder(256);
        appendLine(sb, externalId, index);
        return new JsonObject(sb.toString());
    }

    /**
     * Appends the JSON of one item, without a newline: {@code index} is its item index in the answers, -1 if it has
     * none. Written by hand because a stream of 200k lines spent more time building JsonObjects than computing them.
     */
    public void appendLine(StringBuilder sb, String externalId, int index) {
        JsonText.name(sb.append('{'), "item");
        JsonText.string(sb, externalId);
        appendFields(sb, index);
        sb.append('}');
    }

    /** The line's fields after {@code item}, each preceded by a comma, without the closing brace (the export nests them). */
    public void appendFields(StringBuilder sb, int index) {
        if (index < 0) {
            sb.append(",\"label\":null,\"resolved\":false,\"confidence\":null,\"posterior\":null,\"answers\":0,"
                    + "\"majority_share\":null,\"entropy_bits\":null");
            return;
        }
        LabelSpace space = set.space();
        if (!space.multi()) {
            Consensus c = parts[0];
            int label = c.label()[index];
            sb.append(",\"label\":");
            if (label < 0) {
                sb.append("null");
            } else if (space.rating()) {
                sb.append(space.stored(label));
            } else {
                JsonText.string(sb, space.keys().get(label));
            }
            sb.append(",\"resolved\":").append(label >= 0).append(",\"confidence\":");
            if (label < 0) {
                sb.append("null");
            } else {
                JsonText.number(sb, c.confidence(index));
            }
            sb.append(",\"posterior\":{");
            for (int k = 0; k < space.size(); k++) {
                JsonText.name(k == 0 ? sb : sb.append(','), space.keys().get(k));
                JsonText.number(sb, c.support(index, k));
            }
            sb.append("},\"answers\":").append(spreads[0].answers()[index]).append(",\"majority_share\":");
            JsonText.number(sb, spreads[0].majorityShare()[index]).append(",\"entropy_bits\":");
            JsonText.number(sb, spreads[0].entropyBits()[index]);
            return;
        }
        boolean resolved = true;
        double confidence = 1;
        for (Consensus c : parts) {
            resolved &= c.label()[index] >= 0;
            confidence = Math.min(confidence, c.confidence(index));
        }
        sb.append(",\"label\":");
        if (resolved) {
            sb.append('[');
            boolean first = true;
            for (int k = 0; k < space.size(); k++) {
                if (parts[k].label()[index] == 1) {
                    JsonText.string(first ? sb : sb.append(','), space.keys().get(k));
                    first = false;
                }
            }
            sb.append(']');
        } else {
            sb.append("null");
        }
        sb.append(",\"resolved\":").append(resolved).append(",\"confidence\":");
        if (resolved) {
            JsonText.number(sb, confidence);
        } else {
            sb.append("null");
        }
        perKey(sb.append(",\"posterior\":"), k -> parts[k].support(index, 1));
        sb.append(",\"answers\":").append(spreads[0].answers()[index]);
        perKey(sb.append(",\"majority_share\":"), k -> spreads[k].majorityShare()[index]);
        perKey(sb.append(",\"entropy_bits\":"), k -> spreads[k].entropyBits()[index]);
    }

    /**
     * CSV cells for an item: consensus label (a key, keys joined by '|' for multi, a number for rating; empty when
     * unresolved), confidence, majority share and vote entropy (for multi, JSON objects by key).
     */
    public List<String> csvCells(int index) {
        if (index < 0) {
            return List.of("", "", "", "");
        }
        JsonObject line = line("", index);
        Object label = line.getValue("label");
        String text = label == null ? "" : label instanceof JsonArray a
                ? String.join("|", a.stream().map(String::valueOf).toList()) : String.valueOf(label);
        return List.of(text, cell(line.getValue("confidence")), cell(line.getValue("majority_share")),
                cell(line.getValue("entropy_bits")));
    }

    private static String cell(Object v) {
        return v == null ? "" : v instanceof JsonObject o ? o.encode() : String.valueOf(v);
    }

    private void perKey(StringBuilder sb, java.util.function.IntToDoubleFunction value) {
        sb.append('{');
        for (int k = 0; k < parts.length; k++) {
            JsonText.name(k == 0 ? sb : sb.append(','), set.space().keys().get(k));
            JsonText.number(sb, value.applyAsDouble(k));
        }
        sb.append('}');
    }
}
