package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.http.LineGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The export's JSON lines, written by the Jackson generator (the item as PostgreSQL built it, copied as text, and the
 * consensus object added), are the bytes the hand-written lines before issue 16 were.
 */
class ExportLinesTest {
    /** Items as {@code json_build_object(...)::text} spells them: spaces after colons, nested jsonb, escapes kept as sent. */
    static String item(long i) {
        return "{\"external_id\" : \"it\\\"em-" + i + " caf\u00e9\", \"data\" : {\"text\": \"a\\nb \\u0001 \ud83d\ude00\", \"n\": 1.50, "
                + "\"big\": 12345678901234567890, \"nested\": {\"list\": [1, null, true, {\"k\": \"}\"}]}}, \"meta\" : null, "
                + "\"gold\" : " + (i % 2 == 0 ? "\"pos\"" : "null") + ", \"answers\" : [{\"annotator_id\" : 3, \"annotator\" : null, "
                + "\"tier\" : \"crowd\", \"label\" : [\"a\", \"b\"], \"duration_ms\" : null, \"source\" : \"kappa\", "
                + "\"created_at\" : \"2026-01-05T12:00:00.123+00:00\"}]}";
    }

    /** {@code ExportConsensus.extend} before issue 16. */
    static String extendBefore(ConsensusService.Computed computed, LabelSpace space, String itemJson, long itemId) {
        StringBuilder sb = new StringBuilder(itemJson.length() + 256);
        sb.append(itemJson, 0, itemJson.lastIndexOf('}')).append(",\"consensus\":{\"method\":\"")
                .append(computed.consensus().method().key()).append('"');
        dev.kappa.consensus.ConsensusLinesAccess.appendFields(computed.consensus(), space, sb, computed.answers().itemIndex(itemId));
        return sb.append("}}").toString();
    }

    @Test
    @DisplayName("items with and without consensus (every method, items without answers too) keep every byte")
    void sameBytes() throws IOException {
        for (LabelSpace space : dev.kappa.consensus.ConsensusLinesAccess.spaces()) {
            AnswerSet set = dev.kappa.consensus.ConsensusLinesAccess.answers(space, 3);
            for (ConsensusMethod method : ConsensusMethod.values()) {
                ConsensusService.Computed computed = new ConsensusService.Computed(1, set,
                        ItemConsensus.compute(set, method, new double[] {1, 2}, 1e-9, 50), new double[] {1, 2});
                ExportConsensus consensus = new ExportConsensus(computed);
                StringBuilder before = new StringBuilder();
                StringBuilder after = new StringBuilder();
                JsonGenerator g = LineGenerator.into(after);
                for (long id = 0; id < set.nItems() + 3; id++) {
                    before.append(id % 5 == 0 ? item(id) : extendBefore(computed, space, item(id), id)).append('\n');
                    if (id % 5 == 0) {
                        g.writeRaw(item(id));
                    } else {
                        consensus.write(g, item(id), id);
                    }
                    g.flush();
                    after.append('\n');
                }
                assertEquals(before.toString(), after.toString(), space.kind() + " " + method);
                assertArrayEquals(before.toString().getBytes(StandardCharsets.UTF_8), after.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
