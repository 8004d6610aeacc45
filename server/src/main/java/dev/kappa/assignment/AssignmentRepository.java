package dev.kappa.assignment;

import dev.kappa.auth.Tier;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    // The three "not mine already" probes end in OFFSET 0 so that PostgreSQL keeps each a per-candidate index lookup
    // on (project, item, annotator) rather than turning it into an anti-join: with statistics taken when the
    // annotator had no slots or answers yet (a new project, autovacuum behind), the anti-join read every slot and
    // answer of the annotator on each next-task (677 buffers after a 20 s pgbench run, against 85; issue 18).
    private static final String TAKE_SLOT = """
            WITH candidate AS (
              SELECT s.item_id, s.slot_no, s.started FROM slots s
              WHERE s.project_id = ? AND s.tier = ? AND s.answer_id IS NULL
                AND (s.lease_id IS NULL OR s.expires_at < now())
                AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = ? OFFSET 0)
                AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = ? OFFSET 0)
                AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = s.project_id AND a.item_id = s.item_id AND a.annotator_id = ? OFFSET 0)
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

    /**
     * Next-task in one round trip (issue 18), for an active annotator: the per-annotator lock, then one statement that
     * reads the project with the caller's membership, counts their open leases against the fair-lease cap, asks
     * whether a baseline study of their tier runs (only when a study hook is installed), draws the gold check, and
     * only when none of those needs the full path takes the slot as {@link #TAKE_SLOT} does, with the newest model
     * prediction when the project pre-annotates. The lock is its own statement: a statement's snapshot is taken
     * before it runs, so the count must be read by a later one. Both go in one round trip (pgjdbc sends statements
     * separated by ';' together). The daily quota's count never runs here: a project with a quota takes the full path.
     * <p>
     * The transaction commits without waiting for its WAL to reach the disk ({@code synchronous_commit = off} for it
     * alone): at saturation most of PostgreSQL's waits were commits queued on the WAL flush (issue 18). A lease is not
     * an answer: if PostgreSQL crashed before the flush, the lease would be gone and its slot back in the queue, and
     * the annotator's submit would be refused as for an expired lease. An answer is never acknowledged on such a
     * lease: the submit commits synchronously, and its flush covers all WAL before it, the lease's included.
     */
    private static final String NEXT_ONE_TRIP = """
            SELECT 1 FROM pg_advisory_xact_lock(?), set_config('synchronous_commit', 'off', true);
            WITH p AS (
              SELECT pr.id, pr.max_open_leases, pr.daily_quota, pr.lease_ttl_seconds, pr.breadth_first, pr.pre_annotation,
                CASE WHEN ? = 'crowd' THEN pr.overlap_crowd ELSE pr.overlap_expert END AS overlap,
                (SELECT count(*) FROM leases l
                 WHERE l.project_id = pr.id AND l.annotator_id = ? AND l.closed_at IS NULL AND l.expires_at > now()) AS open_leases,
                (? AND EXISTS (SELECT 1 FROM baseline_studies b WHERE b.project_id = pr.id AND b.tier = ? AND b.status = 'running')) AS study,
                (? = 'crowd' AND pr.gold_rate > 0 AND random() < pr.gold_rate) AS gold
              FROM projects pr
              WHERE pr.id = ? AND pr.archived_at IS NULL
                AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = pr.id AND m.user_id = ? AND m.paused_at IS NULL)
            ), go AS (
              SELECT * FROM p WHERE p.open_leases < p.max_open_leases AND p.daily_quota IS NULL AND NOT p.study AND NOT p.gold
            ), candidate AS (
              SELECT s.item_id, s.slot_no FROM slots s
              WHERE EXISTS (SELECT 1 FROM go) AND s.project_id = ? AND s.tier = ? AND s.answer_id IS NULL
                AND (s.lease_id IS NULL OR s.expires_at < now())
                AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = ? OFFSET 0)
                AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = ? OFFSET 0)
                AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = s.project_id AND a.item_id = s.item_id AND a.annotator_id = ? OFFSET 0)
              ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
              LIMIT 1
              FOR UPDATE OF s SKIP LOCKED
            ), taken AS (
              UPDATE slots s SET lease_id = ?, annotator_id = ?, expires_at = now() + make_interval(secs => go.lease_ttl_seconds),
                started = s.started OR go.breadth_first
              FROM candidate c, go
              WHERE s.project_id = ? AND s.tier = ? AND s.item_id = c.item_id AND s.slot_no = c.slot_no
              RETURNING s.item_id, s.slot_no, s.expires_at
            ), lease AS (
              INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at)
              SELECT ?, ?, t.item_id, ?, ?, t.slot_no, t.expires_at FROM taken t
            ), next_slot AS (
              INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started)
              SELECT i.project_id, i.id, ?, t.slot_no + 1, i.priority, i.seq, go.breadth_first
              FROM taken t JOIN items i ON i.project_id = ? AND i.id = t.item_id CROSS JOIN go
              WHERE t.slot_no < go.overlap + CASE WHEN ? = 'crowd' THEN i.extra_crowd ELSE 0 END
              ON CONFLICT DO NOTHING
            )
            SELECT p.open_leases < p.max_open_leases AND p.daily_quota IS NULL AND NOT p.study AS open,
              p.gold, p.lease_ttl_seconds, t.item_id, t.expires_at, i.external_id, i.data::text AS data,
              pred.label::text AS pred_label, pred.probs::text AS pred_probs, pred.model, pred.version
            FROM p
            LEFT JOIN taken t ON true
            LEFT JOIN items i ON i.project_id = p.id AND i.id = t.item_id
            LEFT JOIN LATERAL (
              SELECT pr.label, pr.probs, r.model, r.version FROM predictions pr
              JOIN model_runs r ON r.project_id = pr.project_id AND r.id = pr.run_id
              WHERE p.pre_annotation AND pr.project_id = p.id AND pr.item_id = t.item_id
              ORDER BY r.created_at DESC LIMIT 1
            ) pred ON true
            """;

    /**
     * What the one-trip next-task found. {@code visible} false: the project is missing, archived or not the caller's
     * (the full path answers). {@code open} false: the cap, the quota or a study needs the full path. {@code gold}:
     * the gold check was drawn (the full path serves it without drawing again). Otherwise {@code task} is the slot
     * taken, or empty when the queue has nothing for the caller.
     */
    record OneTrip(boolean visible, boolean open, boolean gold, Optional<TaskView> task) {
    }

    /**
     * Plain JDBC rather than jOOQ's plain-SQL template: rendering and binding this 3 KB statement through jOOQ took
     * 41% of the server's CPU samples under load (JFR, BENCHMARKS.md issue 18); the driver caches the parsed and
     * server-prepared statement per connection.
     */
    static OneTrip nextInOneTrip(DSLContext tx, long projectId, long annotatorId, Tier caller, UUID lease, boolean studies) {
        String tier = caller.getLiteral();
        return tx.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(NEXT_ONE_TRIP)) {
                Object[] binds = {annotatorLockKey(projectId, annotatorId),
                        tier, annotatorId, studies, tier, tier, projectId, annotatorId,
                        projectId, tier, annotatorId, annotatorId, annotatorId,
                        lease, annotatorId, projectId, tier,
                        projectId, lease, annotatorId, tier,
                        tier, projectId, tier};
                for (int i = 0; i < binds.length; i++) {
                    ps.setObject(i + 1, binds[i]);
                }
                ps.execute();
                ps.getMoreResults(); // past the lock's row
                try (ResultSet r = ps.getResultSet()) {
                    if (!r.next()) {
                        return new OneTrip(false, false, false, Optional.empty());
                    }
                    boolean open = r.getBoolean("open");
                    boolean gold = r.getBoolean("gold");
                    long itemId = r.getLong("item_id");
                    if (!open || gold || r.wasNull()) {
                        return new OneTrip(true, open, gold, Optional.empty());
                    }
                    String predLabel = r.getString("pred_label");
                    TaskView.Prediction prediction = predLabel == null ? null : new TaskView.Prediction(predLabel,
                            r.getString("pred_probs"), r.getString("model"), r.getString("version"));
                    TaskView view = new TaskView(new LeaseId(projectId, lease).toString(),
                            r.getObject("expires_at", OffsetDateTime.class).toInstant(), r.getInt("lease_ttl_seconds"), projectId, caller,
                            new TaskView.Item(itemId, r.getString("external_id"), r.getString("data")), prediction);
                    return new OneTrip(true, true, false, Optional.of(view));
                }
            }
        });
    }

    private static long annotatorLockKey(long projectId, long annotatorId) {
        return (projectId << 32) ^ annotatorId;
    }

    private AssignmentRepository() {
    }

    /** An open lease (not closed, not expired) of one annotator. */
    record Open(UUID id, long itemId, Tier tier, OffsetDateTime expiresAt) {
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
        return Optional.of(new Open(r.get("id", UUID.class), r.get("item_id", Long.class), Tier.of(r.get("tier", String.class)),
                r.get("expires_at", OffsetDateTime.class)));
    }

    /**
     * Serialises one annotator's next-task calls in one project (two tabs, a prefetch racing a click) and counts their
     * answers today, in one round trip. Other annotators are not blocked.
     */
    static int lockAnnotatorAndCountToday(DSLContext tx, long projectId, long annotatorId) {
        return tx.resultQuery("SELECT (SELECT count(*) FROM answers WHERE project_id = ? AND annotator_id = ? AND created_at >= date_trunc('day', now()))::int "
                + "FROM (SELECT pg_advisory_xact_lock(?)) l", projectId, annotatorId, annotatorLockKey(projectId, annotatorId)).fetchOne(0, Integer.class);
    }

    static Optional<Taken> takeSlot(DSLContext tx, long projectId, Tier caller, long annotatorId, UUID lease, int ttlSeconds,
                                    boolean breadthFirst, int overlap) {
        String tier = caller.getLiteral();
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

    static OffsetDateTime insertLease(DSLContext tx, long projectId, UUID id, long itemId, long annotatorId, Tier tier, Integer slotNo, int ttlSeconds) {
        return tx.resultQuery("INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) RETURNING expires_at",
                projectId, id, itemId, annotatorId, tier.getLiteral(), slotNo, ttlSeconds).fetchOne(0, OffsetDateTime.class);
    }
}
