package dev.kappa.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines from the stream's generator against the text the streams wrote before issue 16 ({@link JsonText}, RecordJson.encode). */
class LineGeneratorTest {
    /** Every character JSON must escape, DEL, non-ASCII, the line separators, a surrogate pair and a lone half. */
    static String everyEscape() {
        StringBuilder s = new StringBuilder("\"\\/");
        for (char c = 0; c < 0x20; c++) {
            s.append(c);
        }
        return s.append("\u007f\u00e9\u2028\u2029\ud83d\ude00\udc00<>&'").toString();
    }

    @Test
    @DisplayName("strings, names and numbers (NaN and infinities as null, -0.0, tiny and huge doubles) as JsonText wrote them")
    void tokens() throws IOException {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        JsonGenerator g = LineGenerator.into(after);
        double[] numbers = {0, -0.0, 1e-7, 0.1 + 0.2, 1e300, -12.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        for (int line = 0; line < 3; line++) {
            JsonText.name(before.append('{'), everyEscape());
            JsonText.string(before, everyEscape() + line);
            g.writeStartObject();
            g.writeStringField(everyEscape(), everyEscape() + line);
            for (int i = 0; i < numbers.length; i++) {
                JsonText.number(JsonText.name(before.append(','), "n" + i), numbers[i]);
                g.writeFieldName("n" + i);
                LineGenerator.number(g, numbers[i]);
            }
            JsonText.string(JsonText.name(before.append(','), "none"), null);
            g.writeStringField("none", null);
            before.append("}\n");
            g.writeEndObject();
            g.flush();
            after.append('\n');
        }
        assertEquals(before.toString(), after.toString());
        assertArrayEquals(before.toString().getBytes(StandardCharsets.UTF_8), after.toString().getBytes(StandardCharsets.UTF_8));
    }

    record Line(long id, String externalId, Double score, JsonObject data, List<String> reasons, Instant at) {
    }

    @Test
    @DisplayName("records written by the mapper into the stream are the text RecordJson.encode gave each line")
    void records() throws IOException {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        JsonGenerator g = LineGenerator.into(after);
        JsonObject data = new JsonObject().put("text", everyEscape()).put("n", 1.5).put("list", new JsonArray().add(1).addNull());
        for (Line l : List.of(new Line(1, everyEscape(), 0.25, data, List.of("gold_disagreement", everyEscape()), Instant.parse("2026-01-01T00:00:00.5Z")),
                new Line(2, null, null, null, List.of(), null), new Line(3, "x", Double.NaN, new JsonObject(), null, Instant.EPOCH))) {
            before.append(RecordJson.encode(l)).append('\n');
            RecordJson.MAPPER.writeValue(g, l);
            g.flush();
            after.append('\n');
        }
        assertEquals(before.toString(), after.toString());
    }
}
