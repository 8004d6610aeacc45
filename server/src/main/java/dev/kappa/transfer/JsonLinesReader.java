package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line; blank lines are skipped; a UTF-8 BOM is ignored. Each line's top-level fields
 * are read with Jackson's streaming parser straight from the UTF-8 bytes; nested objects and arrays are validated
 * and kept as raw bytes ({@link RawJson}) rather than built into trees, which is what makes a million lines cheap.
 */
final class JsonLinesReader implements RowReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final LineSplitter lines;

    JsonLinesReader(InputStream in) {
        this.lines = new LineSplitter(in);
    }

    @Override
    public Row next() throws IOException {
        while (lines.next()) {
            long n = lines.number();
            if (lines.tooLong()) {
                return new Row(n, null, false, "is longer than " + LineSplitter.MAX_LINE + " bytes");
            }
            if (!lines.blank()) {
                return parse(n, lines.bytes(), lines.length());
            }
        }
        return null;
    }

    static Row parse(long n, byte[] bytes, int length) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Row(n, null, false, "must be a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                fields.put(name, value(p, p.nextToken(), bytes));
            }
            if (p.nextToken() != null) {
                return new Row(n, null, false, "has text after the JSON object");
            }
        } catch (StreamReadException e) {
            return new Row(n, null, false, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return new Row(n, new JsonObject(fields), false, null);
    }

    private static Object value(JsonParser p, JsonToken t, byte[] bytes) throws IOException {
        return switch (t) {
            case START_OBJECT, START_ARRAY -> {
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                yield new RawJson(Arrays.copyOfRange(bytes, start, end), t == JsonToken.START_OBJECT);
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    @Override
    public void drain() throws IOException {
        lines.drain();
    }
}
