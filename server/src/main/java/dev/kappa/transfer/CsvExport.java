package dev.kappa.transfer;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.Record;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CSV export's layout, mirroring the CSV import: {@code external_id}, {@code gold}, one column per top-level data
 * key (text as is, other values as JSON), {@code meta} as JSON, then the answer columns. A data key that collides with
 * a fixed column is written as {@code data.<key>}. Labels are written as in the import: a key, keys joined by '|',
 * or a number.
 */
final class CsvExport {
    static final Set<String> FIXED = Set.of("external_id", "gold", "meta", "annotator_id", "annotator", "tier", "label",
            "duration_ms", "source", "answered_at");

    private final List<String> dataKeys;
    private final ResponseSink sink;
    private final ExportConsensus consensus;

    /** {@code consensus}: the optional consensus columns, appended after the answer columns; null for none. */
    CsvExport(List<String> dataKeys, ResponseSink sink, ExportConsensus consensus) {
        this.dataKeys = dataKeys;
        this.sink = sink;
        this.consensus = consensus;
    }

    void header() throws IOException {
        List<String> names = new ArrayList<>(List.of("external_id", "gold"));
        for (String k : dataKeys) {
            names.add(FIXED.contains(k) ? "data." + k : k);
        }
        names.addAll(List.of("meta", "annotator_id", "annotator", "tier", "label", "duration_ms", "source", "answered_at"));
        if (consensus != null) {
            names.addAll(ExportConsensus.CSV_COLUMNS);
        }
        line(names);
    }

    void row(Record r) throws IOException {
        List<String> cells = new ArrayList<>(dataKeys.size() + 10);
        cells.add(r.get("external_id", String.class));
        cells.add(label(r.get("gold", String.class)));
        JsonObject data = new JsonObject(r.get("data", String.class));
        for (String k : dataKeys) {
            Object v = data.getValue(k);
            cells.add(v == null ? "" : v instanceof String s ? s : Json.encode(v));
        }
        cells.add(text(r.get("meta", String.class)));
        cells.add(text(r.get("annotator_id", Long.class)));
        cells.add(text(r.get("annotator", String.class)));
        cells.add(text(r.get("tier", String.class)));
        cells.add(label(r.get("label", String.class)));
        cells.add(text(r.get("duration_ms", Integer.class)));
        cells.add(text(r.get("source", String.class)));
        OffsetDateTime at = r.get("created_at", OffsetDateTime.class);
        cells.add(at == null ? "" : at.toInstant().toString());
        if (consensus != null) {
            cells.addAll(consensus.csvCells(r.get("item_id", Long.class)));
        }
        line(cells);
    }

    private void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sink.append(',');
            }
            sink.append(quote(cells.get(i)));
        }
        sink.append("\r\n");
    }

    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String label(String json) {
        if (json == null) {
            return "";
        }
        Object v = Json.decodeValue(json);
        if (v instanceof JsonArray a) {
            List<String> keys = new ArrayList<>();
            a.forEach(k -> keys.add(String.valueOf(k)));
            return String.join("|", keys);
        }
        return String.valueOf(v);
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
