package dev.kappa.consensus;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.http.LineGenerator;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.DawidSkene;
import dev.kappa.stats.MajorityVote;
import dev.kappa.stats.PerItem;
import dev.kappa.stats.Ratings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** One line for an item of the project as a JSON object (see {@link #writeLine}). */
    public JsonObject line(String externalId, int index) {
        StringBuilder sb = new StringBuilder(256);
        try (JsonGenerator g = LineGenerator.into(sb)) {
            writeLine(g, externalId, index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JsonObject(sb.toString());
    }

    /**
     * Writes the JSON object of one item: {@code index} is its item index in the answers, -1 if it has none. Written
     * token by token because a stream of 200k lines spent more time building JsonObjects than computing them.
     */
    public void writeLine(JsonGenerator g, String externalId, int index) throws IOException {
        g.writeStartObject();
        g.writeStringField("item", externalId);
        writeFields(g, index);
        g.writeEndObject();
    }

    /** The line's fields after {@code item}, into an object the caller opened and closes (the export nests them). */
    public void writeFields(JsonGenerator g, int index) throws IOException {
        if (index < 0) {
            g.writeNullField("label");
            g.writeBooleanField("resolved", false);
            g.writeNullField("confidence");
            g.writeNullField("posterior");
            g.writeNumberField("answers", 0);
            g.writeNullField("majority_share");
            g.writeNullField("entropy_bits");
            return;
        }
        LabelSpace space = set.space();
        if (!space.multi()) {
            Consensus c = parts[0];
            int label = c.label()[index];
            g.writeFieldName("label");
            if (label < 0) {
                g.writeNull();
            } else if (space.rating()) {
                g.writeNumber((Integer) space.stored(label));
            } else {
                g.writeString(space.keys().get(label));
            }
            g.writeBooleanField("resolved", label >= 0);
            g.writeFieldName("confidence");
            if (label < 0) {
                g.writeNull();
            } else {
                LineGenerator.number(g, c.confidence(index));
            }
            perKey(g, "posterior", space.size(), k -> c.support(index, k));
            g.writeNumberField("answers", spreads[0].answers()[index]);
            g.writeFieldName("majority_share");
            LineGenerator.number(g, spreads[0].majorityShare()[index]);
            g.writeFieldName("entropy_bits");
            LineGenerator.number(g, spreads[0].entropyBits()[index]);
            return;
        }
        boolean resolved = true;
        double confidence = 1;
        for (Consensus c : parts) {
            resolved &= c.label()[index] >= 0;
            confidence = Math.min(confidence, c.confidence(index));
        }
        g.writeFieldName("label");
        if (resolved) {
            g.writeStartArray();
            for (int k = 0; k < space.size(); k++) {
                if (parts[k].label()[index] == 1) {
                    g.writeString(space.keys().get(k));
                }
            }
            g.writeEndArray();
        } else {
            g.writeNull();
        }
        g.writeBooleanField("resolved", resolved);
        g.writeFieldName("confidence");
        if (resolved) {
            LineGenerator.number(g, confidence);
        } else {
            g.writeNull();
        }
        perKey(g, "posterior", parts.length, k -> parts[k].support(index, 1));
        g.writeNumberField("answers", spreads[0].answers()[index]);
        perKey(g, "majority_share", parts.length, k -> spreads[k].majorityShare()[index]);
        perKey(g, "entropy_bits", parts.length, k -> spreads[k].entropyBits()[index]);
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

    /** {@code "name": {key: value, ...}} over the first {@code n} label keys. */
    private void perKey(JsonGenerator g, String name, int n, java.util.function.IntToDoubleFunction value) throws IOException {
        g.writeObjectFieldStart(name);
        for (int k = 0; k < n; k++) {
            g.writeFieldName(set.space().keys().get(k));
            LineGenerator.number(g, value.applyAsDouble(k));
        }
        g.writeEndObject();
    }
}
