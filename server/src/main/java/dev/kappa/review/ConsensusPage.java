package dev.kappa.review;

import java.util.List;

/**
 * One page of the consensus browser: items with their consensus, lowest confidence first (unresolved items before
 * all) or in queue order. {@code consensusJson} is the item's line of GET consensus (label, confidence, posterior,
 * per-item agreement); {@code dataJson} the item's data as stored.
 */
public record ConsensusPage(long projectId, String method, long answeredItems, long matching, int offset, int limit, List<Row> rows) {

    public record Row(long itemId, String externalId, String dataJson, String consensusJson) {
    }
}
