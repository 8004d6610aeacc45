package dev.kappa.baseline;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

import java.util.Set;

/**
 * One baseline request: the reference (null: the evaluation policy's, else gold), the bootstrap, the least number of
 * reference items a row needs, and the output ({@code json}, or {@code csv} of one table: {@code rows},
 * {@code classes} or {@code gap}).
 */
public record BaselineRequest(String reference, int resamples, long seed, int minItems, String format, String table) {
    public static final Set<String> REFERENCES = Set.of("gold", "expert", "consensus");
    public static final Set<String> TABLES = Set.of("rows", "classes", "gap");

    /** The baseline's and the leaderboard's shared parameters (the leaderboard is computed from the same report). */
    public static BaselineRequest from(Query query, Set<String> formats) {
        String reference = choice(query, "reference", REFERENCES, null);
        Integer resamples = query.integer("resamples");
        Integer minItems = query.integer("min_items");
        String format = choice(query, "format", formats, "json");
        String table = choice(query, "table", TABLES, "rows");
        if (query.has("table") && !format.equals("csv")) {
            throw Problems.badRequest("table", "applies to format=csv only");
        }
        return new BaselineRequest(reference, resamples == null ? BaselineOptions.DEFAULT_RESAMPLES : resamples,
                AnalysisQuery.seed(query, BaselineOptions.DEFAULT_SEED),
                minItems == null ? BaselineOptions.DEFAULT_MIN_ITEMS : minItems, format, table);
    }

    private static String choice(Query query, String name, Set<String> allowed, String fallback) {
        String v = query.value(name);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw Problems.badRequest(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }
}
