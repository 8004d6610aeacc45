package dev.kappa.pairwise;

import dev.kappa.auth.Tier;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Names of the annotators in a matrix, and the items two annotators disagree on; every query filters on the project. */
final class PairwiseRepository {
    private static final String NAMES = """
            SELECT u.id, u.display_name, u.email, u.external_id FROM users u
            WHERE u.id = ANY(?) AND EXISTS (SELECT 1 FROM answers a WHERE a.project_id = ? AND a.annotator_id = u.id)
            """;
    private static final String HAS_ANSWERS = "SELECT EXISTS (SELECT 1 FROM answers WHERE project_id = ? AND annotator_id = ?)";
    // Each annotator's first answer on an item stands for them (as in the matrix).
    private static final String PAIRS = """
            WITH x AS (SELECT DISTINCT ON (item_id) item_id, label FROM answers
                       WHERE project_id = ? AND annotator_id = ? AND (?::text IS NULL OR tier = ?) ORDER BY item_id, id),
                 y AS (SELECT DISTINCT ON (item_id) item_id, label FROM answers
                       WHERE project_id = ? AND annotator_id = ? AND (?::text IS NULL OR tier = ?) ORDER BY item_id, id)
            """;
    private static final String COUNTS = PAIRS + """
            SELECT count(*) AS shared, count(*) FILTER (WHERE x.label <> y.label) AS differ
            FROM x JOIN y ON y.item_id = x.item_id
            """;
    private static final String PAGE = PAIRS + """
            SELECT i.id, i.external_id, i.data::text AS data, x.label::text AS la, y.label::text AS lb
            FROM x JOIN y ON y.item_id = x.item_id
            JOIN items i ON i.project_id = ? AND i.id = x.item_id
            WHERE x.label <> y.label
            ORDER BY i.seq, i.id OFFSET ? LIMIT ?
            """;

    private PairwiseRepository() {
    }

    static Map<Long, String> names(DSLContext tx, long projectId, Long[] ids) {
        Map<Long, String> out = new HashMap<>();
        for (Record r : tx.fetch(NAMES, ids, projectId)) {
            String name = r.get("display_name", String.class);
            if (name == null || name.isBlank()) {
                name = r.get("email", String.class) != null ? r.get("email", String.class) : r.get("external_id", String.class);
            }
            out.put(r.get("id", Long.class), name);
        }
        return out;
    }

    static boolean hasAnswers(DSLContext tx, long projectId, long userId) {
        return tx.fetchOne(HAS_ANSWERS, projectId, userId).get(0, Boolean.class);
    }

    static long[] counts(DSLContext tx, long projectId, long a, long b, Tier filter) {
        String tier = filter == null ? null : filter.getLiteral();
        Record r = tx.fetchOne(COUNTS, projectId, a, tier, tier, projectId, b, tier, tier);
        return new long[] {r.get("shared", Long.class), r.get("differ", Long.class)};
    }

    static List<Disagreements.Item> page(DSLContext tx, long projectId, long a, long b, Tier filter, int offset, int limit) {
        String tier = filter == null ? null : filter.getLiteral();
        List<Disagreements.Item> out = new ArrayList<>();
        for (Record r : tx.fetch(PAGE, projectId, a, tier, tier, projectId, b, tier, tier, projectId, offset, limit)) {
            out.add(new Disagreements.Item(r.get("id", Long.class), r.get("external_id", String.class), r.get("data", String.class),
                    r.get("la", String.class), r.get("lb", String.class)));
        }
        return out;
    }
}
