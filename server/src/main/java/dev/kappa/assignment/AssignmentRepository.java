package dev.kappa.assignment;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue's SQL. Taking a slot is one statement: walk the open-slot index in serving order, skip rows other
 * transactions hold (SKIP LOCKED), and lease the first slot this annotator may take. PostgreSQL re-checks the WHERE
 * clause on a row that changed since the snapshot, so a slot leased a moment ago by another process is never taken
 * twice; the unique index on (item, annotator) makes a second slot of one item for one annotator impossible.
 * Plain SQL through jOOQ: the CTE with SKIP LOCKED reads more clearly as SQL than as DSL.
 */
final class AssignmentRepository {
    /** A taken slot or gold check. */
    record Taken(long itemId, Integer slotNo, OffsetDateTime expiresAt, String externalId, String data) {
    }

    // One statement takes the slot, writes the lease and reads the item: next-task is one round trip plus the checks.
    private static final String TAKE_SLOT = """
            WITH candidate AS (
              SELECT s.item_id, s.slot_no, s.started FROM slots s
              WHERE s.project_id = ? AND s.tier = ? AND s.answer_id IS NULL
                AND (s.lease_id IS NULL OR s.expires_at < now())
                AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = ?)
                AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = ?)
                AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = s.project_id AND a.item_id = s.item_id AND a.annotator_id = ?)
              ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
              LIMIT 1
              FOR UPDATE OF s SKIP LOCKED
            ), taken AS (
              UPDATE slots s SET lease_id = ?, annotator_id = ?, expires_at = now() + make_interval(secs => ?), started = s.started OR ?
              FROM candidate c
              WHERE s.project_id = ? AND s.tier = ? AND s.item_id = c.item_id AND s.slot_no = c.slot_no
              RETURNING s.item_id, s.slot_no, s.expires_at
            ), lease AS (
              INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at)
              SELECT ?, ?, t.item_id, ?, ?, t.slot_no, t.expires_at FROM taken t
            ), next_slot AS (
              -- Slot rows are made as needed (SlotSync): taking one makes the next, up to the overlap.
              INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started)
              SELECT i.project_id, i.id, ?, t.slot_no + 1, i.priority, i.seq, ?
              FROM taken t JOIN items i ON i.project_id = ? AND i.id = t.item_id
              -- The item's overlap: the tier's, plus for crowd the extra slots adaptive overlap opened on it.
              WHERE t.slot_no < ? + CASE WHEN ? = 'crowd' THEN i.extra_crowd ELSE 0 END
              ON CONFLICT DO NOTHING
            )
            SELECT t.item_id, t.slot_no, t.expires_at, i.external_id, i.data::text
            FROM taken t JOIN items i ON i.project_id = ? AND i.id = t.item_id
            """;

    private static final String TAKE_GOLD = """
            SELECT i.id FROM items i
            WHERE i.project_id = ? AND i.gold IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = i.project_id AND a.item_id = i.id AND a.annotator_id = ?)
              AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = i.project_id AND k.item_id = i.id AND k.annotator_id = ?)
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.project_id = i.project_id AND l.annotator_id = ? AND l.item_id = i.id
                              AND l.closed_at IS NULL AND l.expires_at > now())
            ORDER BY i.seq
            LIMIT 1
            """;

    private AssignmentRepository() {
    }

    /** An open lease (not closed, not expired) of one annotator. */
    record Open(UUID id, long itemId, String tier, OffsetDateTime expiresAt) {
    }

    /**
     * The annotator's oldest open lease in the project when they already hold {@code cap} or more, else empty. Walks
     * the partial index leases_open (project, annotator) over their unclosed leases only, a handful by construction.
     */
    static Optional<Open> oldestIfAtCap(DSLContext tx, long projectId, long annotatorId, int cap) {
        Record r = tx.fetchOne("""
                SELECT id, item_id, tier, expires_at, count(*) OVER () AS open FROM leases
                WHERE project_id = ? AND annotator_id = ? AND closed_at IS NULL AND expires_at > now()
                ORDER BY created_at, id LIMIT 1""", projectId, annotatorId);
        if (r == null || r.get("open", Integer.class) < cap) {
            return Optional.empty();
        }
        return Optional.of(new Open(r.get("id", UUID.class), r.get("item_id", Long.class), r.get("tier", String.class),
                r.get("expires_at", OffsetDateTime.class)));
    }

    /**
     * Serialises one annotator's next-task calls in one project (two tabs, a prefetch racing a click) and counts their
     * answers today, in one round trip. Other annotators are not blocked.
     */
    static int lockAnnotatorAndCountToday(DSLContext tx, long projectId, long annotatorId) {
        return tx.resultQuery("SELECT (SELECT count(*) FROM answers WHERE project_id = ? AND annotator_id = ? AND created_at >= date_trunc('day', now()))::int "
                + "FROM (SELECT pg_advisory_xact_lock(?)) l", projectId, annotatorId, (projectId << 32) ^ annotatorId).fetchOne(0, Integer.class);
    }

    static Optional<Taken> takeSlot(DSLContext tx, long projectId, String tier, long annotatorId, UUID lease, int ttlSeconds,
                                    boolean breadthFirst, int overlap) {
        Record r = tx.fetchOne(TAKE_SLOT, projectId, tier, annotatorId, annotatorId, annotatorId,
                lease, annotatorId, ttlSeconds, breadthFirst, projectId, tier,
                projectId, lease, annotatorId, tier,
                tier, breadthFirst, projectId, overlap, tier,
                projectId);
        if (r == null) {
            return Optional.empty();
        }
        long itemId = r.get(0, Long.class);
        return Optional.of(new Taken(itemId, r.get(1, Integer.class), r.get(2, OffsetDateTime.class), r.get(3, String.class), r.get(4, String.class)));
    }

    static Optional<Long> goldCandidate(DSLContext tx, long projectId, long annotatorId) {
        return Optional.ofNullable(tx.resultQuery(TAKE_GOLD, projectId, annotatorId, annotatorId, annotatorId).fetchOne(0, Long.class));
    }

    static OffsetDateTime insertLease(DSLContext tx, long projectId, UUID id, long itemId, long annotatorId, String tier, Integer slotNo, int ttlSeconds) {
        return tx.resultQuery("INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) RETURNING expires_at",
                projectId, id, itemId, annotatorId, tier, slotNo, ttlSeconds).fetchOne(0, OffsetDateTime.class);
    }
}
