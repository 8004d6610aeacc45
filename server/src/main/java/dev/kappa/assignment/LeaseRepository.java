package dev.kappa.assignment;

import dev.kappa.db.tables.records.AnswersRecord;
import dev.kappa.db.tables.records.LeasesRecord;
import dev.kappa.db.tables.records.SlotsRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Optional;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.LEASES;
import static dev.kappa.db.Tables.SKIPS;
import static dev.kappa.db.Tables.SLOTS;

/** SQL for what happens to a lease after it is granted: answer, skip, release. */
final class LeaseRepository {
    private LeaseRepository() {
    }

    /**
     * Submit in one round trip (issue 18). The first statement locks the caller's open lease, checks in the same
     * breath that the project is visible to them and still has the schema the label was checked against, locks the
     * lease's slot and checks it is still this lease's, inserts the answer, fills the slot and closes the lease; for a
     * crowd lease whose answers may escalate the item it also locks the item row, as {@link Escalation} does, so
     * that answers to one item are counted one after another. The second statement, with a fresh snapshot taken
     * after that lock, counts the item's crowd answers: escalation is judged only once they reach the item's overlap.
     * Any other case (a retry, a closed, foreign or lost lease, a changed schema) inserts nothing and is left to the
     * full path, which answers it exactly as before.
     */
    private static final String SUBMIT_ONE_TRIP = """
            WITH lease AS (
              SELECT l.project_id, l.id, l.item_id, l.annotator_id, l.tier, l.slot_no, l.created_at, l.expires_at, p.overlap_crowd,
                (l.tier = 'crowd' AND (p.overlap_expert > 0 OR p.adaptive_max_crowd IS NOT NULL)) AS judge
              FROM leases l JOIN projects p ON p.id = l.project_id
              WHERE l.project_id = ? AND l.id = ? AND l.annotator_id = ? AND l.closed_at IS NULL
                AND p.archived_at IS NULL AND p.schema = ?::jsonb
                AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = l.annotator_id)
              FOR UPDATE OF l
            ), slot AS (
              SELECT s.lease_id, s.answer_id FROM slots s JOIN lease l
                ON s.project_id = l.project_id AND s.item_id = l.item_id AND s.tier = l.tier AND s.slot_no = l.slot_no
              FOR UPDATE OF s
            ), ok AS (
              SELECT l.* FROM lease l
              WHERE l.slot_no IS NULL OR EXISTS (SELECT 1 FROM slot s WHERE s.lease_id = l.id AND s.answer_id IS NULL)
            ), answer AS (
              INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, server_ms, source, lease_id)
              SELECT o.project_id, o.item_id, o.annotator_id, o.tier, ?::jsonb, ?,
                (extract(epoch from (now() - o.created_at)) * 1000)::int, 'live', o.id
              FROM ok o
              RETURNING id, item_id, tier, label, duration_ms, server_ms, created_at, lease_id
            ), filled AS (
              UPDATE slots s SET answer_id = a.id, filled_at = a.created_at, expires_at = NULL FROM answer a JOIN ok o ON o.id = a.lease_id
              WHERE s.project_id = o.project_id AND s.item_id = o.item_id AND s.tier = o.tier AND s.slot_no = o.slot_no AND s.lease_id = o.id
            ), closed AS (
              UPDATE leases l SET closed_at = now(), outcome = 'answered' FROM answer a WHERE l.project_id = ? AND l.id = a.lease_id
            ), item AS (
              SELECT i.escalated_at, i.extra_crowd FROM items i JOIN ok o ON i.project_id = o.project_id AND i.id = o.item_id
              WHERE o.judge
              FOR NO KEY UPDATE OF i
            )
            SELECT a.id, a.item_id, a.tier, a.label::text AS label, a.duration_ms, a.server_ms, a.created_at, o.expires_at AS lease_expires_at, o.judge,
              o.overlap_crowd, (SELECT extra_crowd FROM item) AS extra_crowd, (SELECT escalated_at FROM item) AS escalated_at
            FROM answer a JOIN ok o ON o.id = a.lease_id;
            SELECT count(*) FROM answers a JOIN leases l ON a.project_id = l.project_id AND a.item_id = l.item_id
            WHERE l.project_id = ? AND l.id = ? AND l.tier = 'crowd' AND a.tier = 'crowd'
            """;

    /** An answer the one-trip submit stored, and whether escalation must now judge its item. */
    record Stored(long answerId, long itemId, String tier, String label, Integer durationMs, Integer serverMs,
                  OffsetDateTime createdAt, OffsetDateTime leaseExpiresAt, boolean judgeItem) {
    }

    /** Plain JDBC, as {@link AssignmentRepository#nextInOneTrip}: jOOQ's template rendering cost more than the statement. */
    static Optional<Stored> submitInOneTrip(DSLContext tx, LeaseId id, long annotatorId, String schema, String label, Integer durationMs) {
        return tx.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUBMIT_ONE_TRIP)) {
                Object[] binds = {id.projectId(), id.id(), annotatorId, schema, label, durationMs, id.projectId(), id.projectId(), id.id()};
                for (int i = 0; i < binds.length; i++) {
                    if (binds[i] == null) {
                        ps.setNull(i + 1, Types.INTEGER);
                    } else {
                        ps.setObject(i + 1, binds[i]);
                    }
                }
                ps.execute();
                Stored stored = null;
                boolean judge = false;
                Integer overlap = null;
                try (ResultSet r = ps.getResultSet()) {
                    if (r.next()) {
                        Integer extra = (Integer) r.getObject("extra_crowd");
                        judge = r.getBoolean("judge") && r.getObject("escalated_at") == null && extra != null;
                        overlap = r.getInt("overlap_crowd") + (extra == null ? 0 : extra);
                        stored = new Stored(r.getLong("id"), r.getLong("item_id"), r.getString("tier"), r.getString("label"),
                                (Integer) r.getObject("duration_ms"), (Integer) r.getObject("server_ms"),
                                r.getObject("created_at", OffsetDateTime.class), r.getObject("lease_expires_at", OffsetDateTime.class), false);
                    }
                }
                ps.getMoreResults();
                if (stored == null) {
                    return Optional.<Stored>empty();
                }
                int votes;
                try (ResultSet r = ps.getResultSet()) {
                    r.next();
                    votes = r.getInt(1);
                }
                boolean due = judge && votes >= Math.max(1, overlap);
                return Optional.of(new Stored(stored.answerId(), stored.itemId(), stored.tier(), stored.label(), stored.durationMs(),
                        stored.serverMs(), stored.createdAt(), stored.leaseExpiresAt(), due));
            }
        });
    }

    /** A lease and the answer given through it, if any. */
    record Held(LeasesRecord lease, Optional<AnswersRecord> answer) {
    }

    /**
     * The lease (locked, so concurrent retries of one submit run one after another) with its answer, in one round trip.
     * When the lock had to wait for a concurrent submit, PostgreSQL re-reads the locked lease row (now closed as
     * answered) but the joined answer still comes from the statement's older snapshot, where it did not exist yet; a
     * second statement takes a fresh snapshot (READ COMMITTED) and finds it, so the retry replays the stored answer.
     */
    static Optional<Held> lockLease(DSLContext tx, LeaseId id) {
        return tx.select(LEASES.fields()).select(ANSWERS.fields()).from(LEASES)
                .leftJoin(ANSWERS).on(ANSWERS.PROJECT_ID.eq(LEASES.PROJECT_ID), ANSWERS.LEASE_ID.eq(LEASES.ID))
                .where(LEASES.PROJECT_ID.eq(id.projectId()), LEASES.ID.eq(id.id()))
                .forUpdate().of(LEASES)
                .fetchOptional()
                .map(r -> {
                    LeasesRecord lease = r.into(LEASES);
                    if (r.get(ANSWERS.ID) != null) {
                        return new Held(lease, Optional.of(r.into(ANSWERS)));
                    }
                    if ("answered".equals(lease.getOutcome())) {
                        return new Held(lease, tx.selectFrom(ANSWERS)
                                .where(ANSWERS.PROJECT_ID.eq(id.projectId()), ANSWERS.LEASE_ID.eq(id.id())).fetchOptional());
                    }
                    return new Held(lease, Optional.empty());
                });
    }

    static Optional<SlotsRecord> lockSlot(DSLContext tx, LeasesRecord l) {
        return tx.selectFrom(SLOTS).where(SLOTS.PROJECT_ID.eq(l.getProjectId()), SLOTS.ITEM_ID.eq(l.getItemId()),
                SLOTS.TIER.eq(l.getTier()), SLOTS.SLOT_NO.eq(l.getSlotNo())).forUpdate().fetchOptional();
    }

    static AnswersRecord insertAnswer(DSLContext tx, LeasesRecord l, JSONB label, Integer durationMs) {
        return tx.insertInto(ANSWERS)
                .set(ANSWERS.PROJECT_ID, l.getProjectId()).set(ANSWERS.ITEM_ID, l.getItemId())
                .set(ANSWERS.ANNOTATOR_ID, l.getAnnotatorId()).set(ANSWERS.TIER, l.getTier()).set(ANSWERS.LABEL, label)
                .set(ANSWERS.DURATION_MS, durationMs)
                .set(ANSWERS.SERVER_MS, org.jooq.impl.DSL.field("(extract(epoch from (now() - {0})) * 1000)::int", Integer.class, org.jooq.impl.DSL.val(l.getCreatedAt())))
                .set(ANSWERS.SOURCE, "live").set(ANSWERS.LEASE_ID, l.getId())
                .returning().fetchOne();
    }

    /** Fills the lease's slot (if it has one) and closes the lease, in one round trip. */
    static void fillSlotAndClose(DSLContext tx, LeasesRecord l, long answerId) {
        tx.execute("""
                WITH filled AS (
                  UPDATE slots SET answer_id = ?, filled_at = now(), expires_at = NULL
                  WHERE project_id = ? AND item_id = ? AND tier = ? AND slot_no = ? AND lease_id = ?)
                UPDATE leases SET closed_at = now(), outcome = 'answered' WHERE project_id = ? AND id = ?""",
                answerId, l.getProjectId(), l.getItemId(), l.getTier(), l.getSlotNo(), l.getId(), l.getProjectId(), l.getId());
    }

    /** Gives the slot back if this lease still holds it; a slot already re-leased to someone else is left alone. */
    static void freeSlot(DSLContext tx, LeasesRecord l) {
        if (l.getSlotNo() == null) {
            return;
        }
        tx.update(SLOTS).setNull(SLOTS.LEASE_ID).setNull(SLOTS.ANNOTATOR_ID).setNull(SLOTS.EXPIRES_AT)
                .where(SLOTS.PROJECT_ID.eq(l.getProjectId()), SLOTS.ITEM_ID.eq(l.getItemId()), SLOTS.TIER.eq(l.getTier()),
                        SLOTS.SLOT_NO.eq(l.getSlotNo()), SLOTS.LEASE_ID.eq(l.getId()), SLOTS.ANSWER_ID.isNull())
                .execute();
    }

    static void close(DSLContext tx, LeasesRecord l, String outcome) {
        tx.update(LEASES).set(LEASES.CLOSED_AT, OffsetDateTime.now()).set(LEASES.OUTCOME, outcome)
                .where(LEASES.PROJECT_ID.eq(l.getProjectId()), LEASES.ID.eq(l.getId())).execute();
    }

    /** Deletes the answer and gives the lease its slot back, as it was before the submit. */
    static void undo(DSLContext tx, LeasesRecord l, AnswersRecord a) {
        tx.deleteFrom(ANSWERS).where(ANSWERS.PROJECT_ID.eq(a.getProjectId()), ANSWERS.ID.eq(a.getId())).execute();
        tx.update(LEASES).setNull(LEASES.CLOSED_AT).setNull(LEASES.OUTCOME)
                .where(LEASES.PROJECT_ID.eq(l.getProjectId()), LEASES.ID.eq(l.getId())).execute();
        if (l.getSlotNo() != null) {
            tx.update(SLOTS).setNull(SLOTS.ANSWER_ID).setNull(SLOTS.FILLED_AT).set(SLOTS.EXPIRES_AT, l.getExpiresAt())
                    .where(SLOTS.PROJECT_ID.eq(l.getProjectId()), SLOTS.ITEM_ID.eq(l.getItemId()), SLOTS.TIER.eq(l.getTier()),
                            SLOTS.SLOT_NO.eq(l.getSlotNo()), SLOTS.ANSWER_ID.eq(a.getId()))
                    .execute();
        }
    }

    static void skip(DSLContext tx, LeasesRecord l, String reason) {
        tx.insertInto(SKIPS).set(SKIPS.PROJECT_ID, l.getProjectId()).set(SKIPS.ITEM_ID, l.getItemId())
                .set(SKIPS.ANNOTATOR_ID, l.getAnnotatorId()).set(SKIPS.REASON, reason).onConflictDoNothing().execute();
    }
}
