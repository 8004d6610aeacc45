package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document that is one array of objects, as Label Studio exports its tasks: read element by element with
 * Jackson's streaming parser, so memory holds one task (with its annotations), never the file. Each element becomes a
 * record whose line is where the element starts in the file. A document that is not an array, or breaks off, is one
 * bad record at the place it went wrong; reading stops there.
 */
final class JsonArrayReader implements RowReader {
    private static final JsonFactory JSON = new JsonFactory();
    /** One task's nesting is shallow; a deeper document is refused rather than recursed into. */
    private static final int MAX_DEPTH = 64;

    private final InputStream in;
    private JsonParser p;
    private boolean done;

    JsonArrayReader(InputStream in) {
        this.in = in;
    }

    @Override
    public Row next() throws IOException {
        if (done) {
            return null;
        }
        try {
            if (p == null) {
                p = JSON.createParser(in);
                JsonToken first = p.nextToken();
                if (first == null) {
                    done = true;
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    done = true;
                    return new Row(line(), null, false, "must be a JSON array of tasks (Label Studio's JSON export)");
                }
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                return null;
            }
            long line = line();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return new Row(line, null, false, "must be a JSON object (a task)");
            }
            return new Row(line, new JsonObject(object(0)), false, null);
        } catch (StreamReadException e) {
            done = true;
            return new Row(e.getLocation() == null ? line() : e.getLocation().getLineNr(), null, false,
                    "is not valid JSON (" + e.getOriginalMessage() + "); reading stopped here");
        }
    }

    private long line() {
        return p == null ? 1 : p.currentTokenLocation().getLineNr();
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            m.put(name, value(p.nextToken(), depth + 1));
        }
        return m;
    }

    private Object value(JsonToken t, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (t) {
            case START_OBJECT -> new JsonObject(object(depth));
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(e, depth + 1));
                }
                yield new JsonArray(list);
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
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
