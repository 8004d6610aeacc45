package dev.kappa.activity;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per time bucket, straight from the answers and items tables: nothing is kept as a counter, so the charts
 * cannot drift from the data. Buckets are UTC ({@code date_trunc} on the UTC wall clock); every query filters on the
 * project.
 */
final class ActivityRepository {
    private static final String ANSWERS_PER_BUCKET = """
            SELECT date_trunc(?, created_at AT TIME ZONE 'UTC') AS b, tier, count(*) AS n
            FROM answers WHERE project_id = ? AND created_at >= ?::timestamptz AND created_at < ?::timestamptz
            GROUP BY 1, 2
            """;
    private static final String SPAN = """
            SELECT least((SELECT min(created_at) FROM answers WHERE project_id = ?),
                         (SELECT min(created_at) FROM items WHERE project_id = ?), p.created_at) AS first,
                   (SELECT max(created_at) FROM answers WHERE project_id = ?) AS last
            FROM projects p WHERE p.id = ?
            """;
    // As GET progress counts them: an item is the tier's work when it has a slot of the tier (gold checks have none),
    // and it is complete once its filled slots reach the overlap; it left the burndown when the last of those was answered.
    private static final String COMPLETED_PER_BUCKET = """
            SELECT date_trunc(?, done_at AT TIME ZONE 'UTC') AS b, count(*) AS n
            FROM (SELECT max(s.filled_at) AS done_at
                  FROM slots s
                  WHERE s.project_id = ? AND s.tier = ? AND s.answer_id IS NOT NULL
                  GROUP BY s.item_id HAVING count(*) >= ?) d
            GROUP BY 1
            """;
    private static final String ITEMS_PER_BUCKET = """
            SELECT date_trunc(?, i.created_at AT TIME ZONE 'UTC') AS b, count(*) AS n
            FROM items i WHERE i.project_id = ?
              AND EXISTS (SELECT 1 FROM slots s WHERE s.project_id = i.project_id AND s.item_id = i.id AND s.tier = ?)
            GROUP BY 1
            """;

    record Span(Instant first, Instant last) {
    }

    private ActivityRepository() {
    }

    static Span span(DSLContext tx, long projectId) {
        Record r = tx.fetchOne(SPAN, projectId, projectId, projectId, projectId);
        return new Span(instant(r.get("first")), instant(r.get("last")));
    }

    /** Answers per bucket start, by tier, in [from, to). */
    static Map<String, Map<Instant, Long>> answers(DSLContext tx, long projectId, String bucket, Instant from, Instant to) {
        Map<String, Map<Instant, Long>> out = new LinkedHashMap<>();
        out.put("crowd", new LinkedHashMap<>());
        out.put("expert", new LinkedHashMap<>());
        for (Record r : tx.fetch(ANSWERS_PER_BUCKET, bucket, projectId, from.toString(), to.toString())) {
            out.get(r.get("tier", String.class)).put(instant(r.get("b")), r.get("n", Long.class));
        }
        return out;
    }

    /** Items the tier must finish, by the bucket they were created in (all time). */
    static Map<Instant, Long> itemsCreated(DSLContext tx, long projectId, String bucket, String tier) {
        return counts(tx.fetch(ITEMS_PER_BUCKET, bucket, projectId, tier));
    }

    /** Items whose slots of the tier were all filled ({@code overlap} of them), by the bucket of the last answer (all time). */
    static Map<Instant, Long> itemsCompleted(DSLContext tx, long projectId, String bucket, String tier, int overlap) {
        return counts(tx.fetch(COMPLETED_PER_BUCKET, bucket, projectId, tier, overlap));
    }

    private static Map<Instant, Long> counts(Iterable<Record> rows) {
        Map<Instant, Long> out = new LinkedHashMap<>();
        for (Record r : rows) {
            out.put(instant(r.get("b")), r.get("n", Long.class));
        }
        return out;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            // a timestamp without time zone read by the driver in the JVM's zone: its wall clock is UTC here
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time value " + v.getClass());
    }
}
