package dev.kappa.transfer;

import io.vertx.core.json.JsonObject;

import java.io.IOException;

/** Reads an upload one record at a time; memory holds one record, never the file. */
interface RowReader {
    /**
     * One record: its line number (where it starts, 1-based), its fields, and whether the values are text (CSV, where
     * a number or a label arrives as a string) or typed JSON. {@code problem} is set instead of fields for a record
     * that could not be read at all.
     */
    record Row(long line, JsonObject fields, boolean text, String problem) {
    }

    /** The next record, or null at the end. Blank lines are skipped. */
    Row next() throws IOException;

    /** A header's column names (CSV, TSV; read on first use), or null for formats without one or an empty file. */
    default java.util.List<String> columns() throws IOException {
        return null;
    }

    /** Read and drop the rest of the input, cheaply. */
    void drain() throws IOException;
}
