package dev.kappa.review;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ConsensusLinesAccess;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.http.RecordJson;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The consensus browser's page writes the bytes ConsensusPageRoutes.json (before issue 16, kept here) wrote. */
class ConsensusPageJsonTest {
    @Test
    @DisplayName("every schema kind and method: item data as stored, then the consensus line's fields without its item key")
    void sameBytes() {
        for (LabelSpace space : ConsensusLinesAccess.spaces()) {
            AnswerSet set = ConsensusLinesAccess.answers(space, 5);
            for (ConsensusMethod method : ConsensusMethod.values()) {
                ItemConsensus ic = ItemConsensus.compute(set, method, new double[] {1, 2}, 1e-9, 50);
                List<ConsensusPage.Row> rows = new ArrayList<>();
                for (int i = 0; i < set.nItems(); i++) {
                    rows.add(new ConsensusPage.Row(set.itemId(i), i % 3 == 0 ? null : "x\"" + i + " \u00e9",
                            "{\"text\": \"a  b \\u0001\", \"n\": 1.50, \"list\": [1, null]}", ic, i));
                }
                ConsensusPage p = new ConsensusPage(3, method.key(), set.nItems(), rows.size(), 0, 100, rows);
                assertEquals(before(p, space).encode(), RecordJson.encode(p), space.kind() + " " + method);
            }
        }
    }

    /** {@code ConsensusPageRoutes.json} before issue 16, the line as {@code ItemConsensus.line(..).encode()} gave it. */
    static JsonObject before(ConsensusPage p, LabelSpace space) {
        JsonArray items = new JsonArray();
        for (ConsensusPage.Row r : p.rows()) {
            JsonObject line = new JsonObject(ConsensusLinesAccess.lineBefore(r.consensus(), space, r.externalId(), r.index()));
            line.remove("item");
            items.add(new JsonObject().put("item_id", r.itemId()).put("external_id", r.externalId())
                    .put("data", Json.decodeValue(r.dataJson())).mergeIn(line));
        }
        return new JsonObject().put("project_id", p.projectId()).put("method", p.method()).put("answered_items", p.answeredItems())
                .put("matching", p.matching()).put("offset", p.offset()).put("limit", p.limit()).put("items", items);
    }
}
