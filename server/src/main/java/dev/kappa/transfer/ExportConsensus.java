package dev.kappa.transfer;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

import java.util.List;

/**
 * The export's optional consensus columns ({@code consensus=majority|weighted|dawid-skene}): computed once over the
 * answers the export selects (same tier and time filters), then added to every item as it streams. JSONL items gain
 * {@code "consensus": {"method", "label", "resolved", "confidence", "posterior", "answers", "majority_share",
 * "entropy_bits"}}; CSV rows gain consensus_label, consensus_confidence, majority_share and entropy_bits.
 */
final class ExportConsensus {
    static final List<String> CSV_COLUMNS = List.of("consensus_label", "consensus_confidence", "majority_share", "entropy_bits");

    private final ConsensusService.Computed computed;

    private ExportConsensus(ConsensusService.Computed computed) {
        this.computed = computed;
    }

    /** Null when the export did not ask for consensus. */
    static ExportConsensus of(DSLContext tx, ProjectsRecord project, ExportFilter f) {
        if (f.consensus() == null) {
            return null;
        }
        AnswerFilter answers = new AnswerFilter(f.tier(), null, f.from(), f.to(), null);
        return new ExportConsensus(ConsensusService.computeNow(tx, project, ConsensusRequest.of(f.consensus(), answers)));
    }

    static ConsensusMethod method(String name) {
        return name == null ? null : ConsensusMethod.of(name);
    }

    /** The item's JSON object (as PostgreSQL built it) with the consensus object added before its closing brace. */
    String extend(String itemJson, long itemId) {
        StringBuilder sb = new StringBuilder(itemJson.length() + 256);
        sb.append(itemJson, 0, itemJson.lastIndexOf('}')).append(",\"consensus\":{\"method\":\"")
                .append(computed.consensus().method().key()).append('"');
        // appendFields starts every field with a comma, which follows "method" here
        computed.consensus().appendFields(sb, computed.answers().itemIndex(itemId));
        return sb.append("}}").toString();
    }

    List<String> csvCells(long itemId) {
        return computed.consensus().csvCells(computed.answers().itemIndex(itemId));
    }
}
