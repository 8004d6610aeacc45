package dev.kappa.review;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.HashMap;
import java.util.Map;

/** The items of one page of the consensus browser, by id, within the project. */
final class ConsensusPageRepository {
    private static final String ITEMS = "SELECT id, external_id, data::text AS data FROM items WHERE project_id = ? AND id = ANY(?)";

    record Item(String externalId, String dataJson) {
    }

    private ConsensusPageRepository() {
    }

    static Map<Long, Item> items(DSLContext tx, long projectId, Long[] ids) {
        Map<Long, Item> out = new HashMap<>();
        for (Record r : tx.fetch(ITEMS, projectId, ids)) {
            out.put(r.get("id", Long.class), new Item(r.get("external_id", String.class), r.get("data", String.class)));
        }
        return out;
    }
}
