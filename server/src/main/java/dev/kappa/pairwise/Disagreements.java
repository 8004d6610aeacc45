package dev.kappa.pairwise;

import java.util.List;

/** Items on which two annotators gave different labels, in queue order, one page of them. */
public record Disagreements(long projectId, long a, long b, long shared, long total, int offset, int limit, List<Item> items) {

    /** {@code data}, {@code labelA} and {@code labelB} are JSON text as stored. */
    public record Item(long itemId, String externalId, String data, String labelA, String labelB) {
    }
}
