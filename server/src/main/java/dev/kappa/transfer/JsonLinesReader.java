package dev.kappa.transfer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** JSON Lines: one JSON object per line; blank lines are allowed and skipped; a UTF-8 BOM is ignored. */
final class JsonLinesReader implements RowReader {
    private final LineSplitter lines;

    JsonLinesReader(InputStream in) {
        this.lines = new LineSplitter(in);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Row next() throws IOException {
        while (lines.next()) {
            long n = lines.number();
            if (lines.tooLong()) {
                return new Row(n, null, false, "is longer than " + LineSplitter.MAX_LINE + " bytes");
            }
            if (lines.blank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = Json.CODEC.fromBuffer(Buffer.buffer().appendBytes(lines.bytes(), 0, lines.length()), Object.class);
            } catch (DecodeException e) {
                return new Row(n, null, false, "is not valid JSON (" + shortReason(e) + ")");
            }
            if (parsed instanceof Map<?, ?> map) {
                return new Row(n, new JsonObject((Map<String, Object>) map), false, null);
            }
            if (parsed instanceof JsonObject o) {
                return new Row(n, o, false, null);
            }
            return new Row(n, null, false, "must be a JSON object");
        }
        return null;
    }

    @Override
    public void drain() throws IOException {
        lines.drain();
    }

    /** Jackson's first sentence, without the echo of the input it appends. */
    private static String shortReason(DecodeException e) {
        String m = String.valueOf(e.getMessage());
        int cut = m.indexOf(" at [Source");
        m = cut > 0 ? m.substring(0, cut) : m;
        m = m.replace("Failed to decode:", "").trim();
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
