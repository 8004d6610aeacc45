package dev.kappa.transfer;

import dev.kappa.error.Problems;

import java.util.Locale;
import java.util.Map;

/**
 * Where past answers come from (issue 14): Kappa's own columns, or another tool's export, read as it is written so
 * that nobody has to convert a file before importing it.
 * <ul>
 * <li>{@code kappa}: item, annotator, tier, label, duration_ms, created_at; any of them renamed by a column mapping.</li>
 * <li>{@code crowd-kit}: crowd-kit's (and Toloka-Kit's) {@code task, worker, label} table, as TSV or CSV.</li>
 * <li>{@code toloka}: Toloka's assignment TSV: {@code ASSIGNMENT:task_id}, {@code ASSIGNMENT:worker_id}, the first
 * {@code OUTPUT:} column; rejected assignments are skipped.</li>
 * <li>{@code label-studio}: Label Studio's JSON export, tasks with {@code annotations[].result} of type choices (or
 * rating); cancelled annotations are skipped.</li>
 * <li>{@code prodigy}: Prodigy's JSONL ({@code answer} accept/reject/ignore; {@code accept} for choice tasks,
 * {@code label} for binary ones).</li>
 * </ul>
 */
enum AnswerSource {
    KAPPA("kappa", Map.of()),
    CROWD_KIT("crowd-kit", Map.of("item", "task", "annotator", "worker", "label", "label")),
    TOLOKA("toloka", Map.of("item", "ASSIGNMENT:task_id", "annotator", "ASSIGNMENT:worker_id")),
    LABEL_STUDIO("label-studio", Map.of("item", "id")),
    PRODIGY("prodigy", Map.of("item", "_input_hash", "annotator", "_annotator_id"));

    private final String key;
    /** Where each of Kappa's fields is read from by default; a column mapping in the request overrides it. */
    private final Map<String, String> defaults;

    AnswerSource(String key, Map<String, String> defaults) {
        this.key = key;
        this.defaults = defaults;
    }

    String key() {
        return key;
    }

    Map<String, String> defaults() {
        return defaults;
    }

    static AnswerSource of(String name) {
        if (name == null || name.isBlank()) {
            return KAPPA;
        }
        for (AnswerSource s : values()) {
            if (s.key.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw Problems.badRequest("source", "must be kappa, crowd-kit, toloka, label-studio or prodigy");
    }

    /** The upload formats each source comes in. */
    void requireFormat(UploadFormat format) {
        boolean ok = switch (this) {
            case KAPPA, CROWD_KIT -> format != UploadFormat.JSON;
            case TOLOKA -> format == UploadFormat.TSV || format == UploadFormat.CSV;
            case LABEL_STUDIO -> format == UploadFormat.JSON;
            case PRODIGY -> format == UploadFormat.JSONL;
        };
        if (!ok) {
            throw Problems.badRequest("Content-Type", "source " + key + " takes " + switch (this) {
                case KAPPA, CROWD_KIT -> "application/x-ndjson, text/csv or text/tab-separated-values";
                case TOLOKA -> "text/tab-separated-values";
                case LABEL_STUDIO -> "application/json (Label Studio's JSON export)";
                case PRODIGY -> "application/x-ndjson (Prodigy's JSONL)";
            });
        }
    }
}
