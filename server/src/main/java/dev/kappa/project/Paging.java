package dev.kappa.project;

import dev.kappa.http.Query;

/**
 * Keyset paging parameters: {@code after} (the last key seen) and {@code limit}. No OFFSET anywhere. Their ranges
 * (after from 0, limit 1 to 1000) are openapi.yaml's.
 */
public record Paging(long after, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(Query query) {
        Long after = query.whole("after");
        Integer limit = query.integer("limit");
        return new Paging(after == null ? 0 : after, limit == null ? DEFAULT_LIMIT : limit);
    }
}
