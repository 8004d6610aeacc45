package dev.kappa.baseline;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

/**
 * One baseline request: the reference (null: the evaluation policy's, else gold), the bootstrap, the least number of
 * reference items a row needs, and the output ({@code json}, or {@code csv} of one table: {@code rows},
 * {@code classes} or {@code gap}).
 */
public record BaselineRequest(String reference, int resamples, long seed, int minItems, String format, String table) {
    /** The baseline's and the leaderboard's shared parameters (the leaderboard is computed from the same report). */
    public static BaselineRequest from(Query query) {
        String reference = choice(query, "reference", null);
        Integer resamples = query.integer("resamples");
        Integer minItems = query.integer("min_items");
        String format = choice(query, "format", "json");
        String table = choice(query, "table", "rows");
        if (query.has("table") && !format.equals("csv")) {
            throw Problems.badRequest("table", "applies to format=csv only");
        }
        return new BaselineRequest(reference, resamples == null ? BaselineOptions.DEFAULT_RESAMPLES : resamples,
                AnalysisQuery.seed(query, BaselineOptions.DEFAULT_SEED),
                minItems == null ? BaselineOptions.DEFAULT_MIN_ITEMS : minItems, format, table);
    }

    /** The value, one of the operation's enum in openapi.yaml (the router checked it), or the default. */
    private static String choice(Query query, String name, String fallback) {
        String v = query.value(name);
        return v == null ? fallback : v;
    }
}
