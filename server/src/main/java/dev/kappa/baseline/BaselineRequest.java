package dev.kappa.baseline;

import java.util.Set;

/**
 * One baseline request: the reference (null: the evaluation policy's, else gold), the bootstrap, the least number of
 * reference items a row needs, and the output ({@code json}, or {@code csv} of one table: {@code rows},
 * {@code classes} or {@code gap}).
 */
public record BaselineRequest(String reference, int resamples, long seed, int minItems, String format, String table) {
    public static final Set<String> REFERENCES = Set.of("gold", "expert", "consensus");
    public static final Set<String> TABLES = Set.of("rows", "classes", "gap");
}
