package dev.kappa.transfer;

import dev.kappa.error.ApiException;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Upload formats, chosen by Content-Type: JSON Lines, CSV, TSV (crowd-kit's and Toloka's exports) and one JSON array
 * (Label Studio's JSON export, accepted for past answers only).
 */
enum UploadFormat {
    JSONL, CSV, TSV, JSON;

    static UploadFormat of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines" -> JSONL;
            case "text/csv" -> CSV;
            case "text/tab-separated-values" -> TSV;
            case "application/json" -> JSON;
            default -> throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type must be application/x-ndjson (or application/jsonl), text/csv, text/tab-separated-values"
                            + " or (past answers in Label Studio's export) application/json, got '" + type + "'",
                    "Content-Type", List.of(new ApiException.Violation("Content-Type", "must be application/x-ndjson, text/csv or text/tab-separated-values")));
        };
    }

    RowReader open(InputStream in) {
        return switch (this) {
            case JSONL -> new JsonLinesReader(in);
            case CSV -> new CsvReader(in);
            case TSV -> new CsvReader(in, '\t');
            case JSON -> new JsonArrayReader(in);
        };
    }
}
