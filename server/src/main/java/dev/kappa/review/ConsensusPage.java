package dev.kappa.review;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.http.RecordJson;

import java.io.IOException;
import java.util.List;

/**
 * One page of the consensus browser: items with their consensus, lowest confidence first (unresolved items before
 * all) or in queue order. {@code items} is its response key.
 */
public record ConsensusPage(long projectId, String method, long answeredItems, long matching, int offset, int limit,
                            @com.fasterxml.jackson.annotation.JsonProperty("items") List<Row> rows) {

    /**
     * An item with its data as stored ({@code dataJson}) and, after it, the fields of its line of GET consensus
     * (label, confidence, posterior, per-item agreement), which {@code consensus} writes for item {@code index} when
     * the response is written, after the transaction.
     */
    @JsonSerialize(using = Row.Writer.class)
    public record Row(long itemId, String externalId, String dataJson, ItemConsensus consensus, int index) {
        static final class Writer extends StdSerializer<Row> {
            private static final RecordJson.VertxText DATA = new RecordJson.VertxText();

            Writer() {
                super(Row.class);
            }

            @Override
            public void serialize(Row r, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                g.writeNumberField("item_id", r.itemId());
                g.writeStringField("external_id", r.externalId());
                g.writeFieldName("data");
                DATA.serialize(r.dataJson(), g, p);
                r.consensus().writeFields(g, r.index());
                g.writeEndObject();
            }
        }
    }
}
