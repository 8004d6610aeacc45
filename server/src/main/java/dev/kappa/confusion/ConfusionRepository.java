package dev.kappa.confusion;

import dev.kappa.auth.Tier;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.List;

/** Given labels of a tier or a run, with the item's gold (null without), as bare text; every query filters on the project. */
final class ConfusionRepository {
    private static final String TIER = """
            SELECT a.item_id, i.gold #>> '{}' AS gold, a.label #>> '{}' AS given
            FROM answers a JOIN items i ON i.project_id = a.project_id AND i.id = a.item_id
            WHERE a.project_id = ? AND a.tier = ?
            """;
    private static final String RUN = """
            SELECT p.item_id, i.gold #>> '{}' AS gold, p.label #>> '{}' AS given
            FROM predictions p JOIN items i ON i.project_id = p.project_id AND i.id = p.item_id
            WHERE p.project_id = ? AND p.run_id = ?
            """;
    // Against gold only the (gold, given) pairs matter, so PostgreSQL counts them instead of sending every answer.
    private static final String TIER_AGAINST_GOLD = """
            SELECT i.gold #>> '{}' AS gold, a.label #>> '{}' AS given, count(*) AS n
            FROM answers a JOIN items i ON i.project_id = a.project_id AND i.id = a.item_id
            WHERE a.project_id = ? AND a.tier = ? GROUP BY 1, 2
            """;
    private static final String RUN_AGAINST_GOLD = """
            SELECT i.gold #>> '{}' AS gold, p.label #>> '{}' AS given, count(*) AS n
            FROM predictions p JOIN items i ON i.project_id = p.project_id AND i.id = p.item_id
            WHERE p.project_id = ? AND p.run_id = ? GROUP BY 1, 2
            """;
    private static final String RUN_EXISTS = "SELECT EXISTS (SELECT 1 FROM model_runs WHERE project_id = ? AND id = ?)";

    record Given(long itemId, String gold, String label) {
    }

    /** How many given labels were {@code label} on items whose gold is {@code gold} (either may be null). */
    record Pair(String gold, String label, long n) {
    }

    private ConfusionRepository() {
    }

    static List<Given> tier(DSLContext tx, long projectId, Tier tier) {
        return read(tx.fetch(TIER, projectId, tier.getLiteral()));
    }

    static List<Given> run(DSLContext tx, long projectId, long runId) {
        return read(tx.fetch(RUN, projectId, runId));
    }

    static List<Pair> tierAgainstGold(DSLContext tx, long projectId, Tier tier) {
        return pairs(tx.fetch(TIER_AGAINST_GOLD, projectId, tier.getLiteral()));
    }

    static List<Pair> runAgainstGold(DSLContext tx, long projectId, long runId) {
        return pairs(tx.fetch(RUN_AGAINST_GOLD, projectId, runId));
    }

    private static List<Pair> pairs(Iterable<Record> rows) {
        List<Pair> out = new ArrayList<>();
        for (Record r : rows) {
            out.add(new Pair(r.get("gold", String.class), r.get("given", String.class), r.get("n", Long.class)));
        }
        return out;
    }

    static boolean runExists(DSLContext tx, long projectId, long runId) {
        return tx.fetchOne(RUN_EXISTS, projectId, runId).get(0, Boolean.class);
    }

    private static List<Given> read(Iterable<Record> rows) {
        List<Given> out = new ArrayList<>();
        for (Record r : rows) {
            out.add(new Given(r.get("item_id", Long.class), r.get("gold", String.class), r.get("given", String.class)));
        }
        return out;
    }
}
