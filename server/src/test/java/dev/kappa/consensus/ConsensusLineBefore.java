package dev.kappa.consensus;

import dev.kappa.analysis.LabelSpace;
import dev.kappa.http.JsonText;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.PerItem;

/** The consensus line as it was written by hand before issue 16 (ItemConsensus.appendLine), kept to pin the bytes. */
final class ConsensusLineBefore {
    private ConsensusLineBefore() {
    }

    static Consensus[] parts(ItemConsensus ic, LabelSpace space) {
        Consensus[] parts = new Consensus[space.multi() ? space.size() : 1];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = ic.part(k);
        }
        return parts;
    }

    static void appendLine(ItemConsensus ic, LabelSpace space, StringBuilder sb, String externalId, int index) {
        JsonText.name(sb.append('{'), "item");
        JsonText.string(sb, externalId);
        appendFields(ic, space, sb, index);
        sb.append('}');
    }

    /** The line's fields after {@code item}, each preceded by a comma, without the closing brace (the export nests them). */
    static void appendFields(ItemConsensus ic, LabelSpace space, StringBuilder sb, int index) {
        if (index < 0) {
            sb.append(",\"label\":null,\"resolved\":false,\"confidence\":null,\"posterior\":null,\"answers\":0,"
                    + "\"majority_share\":null,\"entropy_bits\":null");
            return;
        }
        Consensus[] parts = parts(ic, space);
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
            sb.append("},\"answers\":").append(ic.spread(0).answers()[index]).append(",\"majority_share\":");
            JsonText.number(sb, ic.spread(0).majorityShare()[index]).append(",\"entropy_bits\":");
            JsonText.number(sb, ic.spread(0).entropyBits()[index]);
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
        perKey(ic, space, sb.append(",\"posterior\":"), k -> ic.part(k).support(index, 1));
        sb.append(",\"answers\":").append(ic.spread(0).answers()[index]);
        perKey(ic, space, sb.append(",\"majority_share\":"), k -> ic.spread(k).majorityShare()[index]);
        perKey(ic, space, sb.append(",\"entropy_bits\":"), k -> ic.spread(k).entropyBits()[index]);
    }

    private static void perKey(ItemConsensus ic, LabelSpace space, StringBuilder sb, java.util.function.IntToDoubleFunction value) {
        sb.append('{');
        for (int k = 0; k < parts(ic, space).length; k++) {
            JsonText.name(k == 0 ? sb : sb.append(','), space.keys().get(k));
            JsonText.number(sb, value.applyAsDouble(k));
        }
        sb.append('}');
    }
}
