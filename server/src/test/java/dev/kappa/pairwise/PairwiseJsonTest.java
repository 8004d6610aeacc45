package dev.kappa.pairwise;

import dev.kappa.auth.Tier;
import dev.kappa.http.RecordJson;
import dev.kappa.stats.Estimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The matrix and disagreement records write the bytes PairwiseRoutes.json (before issue 16, kept here) wrote. */
class PairwiseJsonTest {
    @Test
    @DisplayName("a matrix page with empty cells, undefined kappas and an annotator without agreement")
    void matrix() {
        PairMatrix.Cell[][] cells = {{null, new PairMatrix.Cell(12, 9, Estimate.of(0.1 + 0.2))},
                {new PairMatrix.Cell(3, 3, Estimate.undefined("fewer than 10 shared items")), null}};
        for (String tier : Arrays.asList(null, "crowd")) {
            PairMatrix m = new PairMatrix(2, "single", "cluster", tier == null ? null : "ordered by \"cluster\"", Tier.of(tier), 10,
                    List.of(new PairMatrix.Annotator(5, "Ada \u00e9", 40, 120, 0.75), new PairMatrix.Annotator(6, null, 0, 0, null)),
                    0, 1, 25, cells);
            assertEquals(json(m).encode(), RecordJson.encode(PairMatrixView.of(m)));
        }
    }

    @Test
    @DisplayName("disagreements: item data and both labels (text, arrays, numbers) re-encoded as Vert.x did")
    void disagreements() {
        Disagreements d = new Disagreements(2, 5, 6, 40, 2, 0, 50, List.of(
                new Disagreements.Item(9, "x\"1", "{\"text\": \"a  b\", \"n\": 1.50, \"big\": 12345678901234567890}", "\"pos\"", "\"neg\""),
                new Disagreements.Item(10, null, "{}", "[\"a\", \"b\"]", "3")));
        assertEquals(json(d).encode(), RecordJson.encode(d));
        assertEquals(json(new Disagreements(2, 5, 6, 0, 0, 10, 1, List.of())).encode(),
                RecordJson.encode(new Disagreements(2, 5, 6, 0, 0, 10, 1, List.of())));
    }

    static JsonObject json(PairMatrix m) {
        JsonArray annotators = new JsonArray();
        int position = 0;
        for (PairMatrix.Annotator a : m.annotators()) {
            annotators.add(new JsonObject().put("position", position++).put("user_id", a.userId()).put("name", a.name())
                    .put("answers", a.answers()).put("shared_pairs", a.pairs()).put("agreement", a.agreement()));
        }
        JsonArray rows = new JsonArray();
        for (PairMatrix.Cell[] row : m.cells()) {
            JsonArray r = new JsonArray();
            for (PairMatrix.Cell c : row) {
                r.add(c == null ? null : new JsonObject().put("shared", c.shared()).put("agree", c.agree())
                        .put("percent", (double) c.agree() / c.shared()).put("kappa", dev.kappa.analysis.EstimateJson.of(c.kappa())));
            }
            rows.add(r);
        }
        return new JsonObject().put("project_id", m.projectId()).put("kind", m.kind()).put("order", m.order())
                .put("order_note", m.orderNote()).put("tier", m.tier() == null ? null : m.tier().getLiteral()).put("min_shared", m.minShared())
                .put("n_annotators", m.annotators().size()).put("annotators", annotators)
                .put("row_offset", m.rowOffset()).put("col_offset", m.colOffset()).put("size", m.size()).put("cells", rows);
    }

    static JsonObject json(Disagreements d) {
        JsonArray items = new JsonArray();
        for (Disagreements.Item i : d.items()) {
            items.add(new JsonObject().put("item_id", i.itemId()).put("external_id", i.externalId())
                    .put("data", io.vertx.core.json.Json.decodeValue(i.data())).put("label_a", io.vertx.core.json.Json.decodeValue(i.labelA()))
                    .put("label_b", io.vertx.core.json.Json.decodeValue(i.labelB())));
        }
        return new JsonObject().put("project_id", d.projectId()).put("a", d.a()).put("b", d.b()).put("shared_items", d.shared())
                .put("disagreements", d.total()).put("offset", d.offset()).put("limit", d.limit()).put("items", items);
    }
}
