package dev.kappa.transfer;

import dev.kappa.error.ApiException;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** The two upload formats, chosen by Content-Type: JSON Lines or CSV. */
enum UploadFormat {
    JSONL, CSV;

    static UploadFormat of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines" -> JSONL;
            case "text/csv" -> CSV;
            default -> throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type must be application/x-ndjson (or application/jsonl) or text/csv, got '" + type + "'",
                    "Content-Type", List.of(new ApiException.Violation("Content-Type", "must be application/x-ndjson or text/csv")));
        };
    }

    RowReader open(InputStream in) {
        return this == JSONL ? new JsonLinesReader(in) : new CsvReader(in);
    }
}
