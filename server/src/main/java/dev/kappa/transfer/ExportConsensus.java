package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.analysis.AnswerFilter;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

import java.io.IOException;
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

    ExportConsensus(ConsensusService.Computed computed) {
        this.computed = computed;
    }

    /** Null when the export did not ask for consensus. */
    static ExportConsensus of(DSLContext tx, ProjectsRecord project, ExportFilter f) {
        if (f.consensus() == null) {
            return null;
        }
        AnswerFilter answers = f.answers();
        return new ExportConsensus(ConsensusService.computeNow(tx, project, ConsensusRequest.of(f.consensus(), answers)));
    }

    static ConsensusMethod method(String name) {
        return name == null ? null : ConsensusMethod.of(name);
    }

    /**
     * The item's JSON object (as PostgreSQL built it, copied as text) with the consensus object added before its
     * closing brace. The generator does not know it is inside the item's object, so the key and its comma are raw.
     */
    void write(JsonGenerator g, String itemJson, long itemId) throws IOException {
        g.writeRaw(itemJson, 0, itemJson.lastIndexOf('}'));
        g.writeRaw(",\"consensus\":");
        g.writeStartObject();
        g.writeStringField("method", computed.consensus().method().key());
        computed.consensus().writeFields(g, computed.answers().itemIndex(itemId));
        g.writeEndObject();
        g.writeRaw('}');
    }

    List<String> csvCells(long itemId) {
        return computed.consensus().csvCells(computed.answers().itemIndex(itemId));
    }
}
