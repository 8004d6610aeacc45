package dev.kappa.assignment;

import dev.kappa.db.tables.records.AnswersRecord;
import dev.kappa.db.tables.records.LeasesRecord;
import dev.kappa.db.tables.records.SlotsRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;

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
                  UPDATE slots SET answer_id = ?, expires_at = NULL
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
            tx.update(SLOTS).setNull(SLOTS.ANSWER_ID).set(SLOTS.EXPIRES_AT, l.getExpiresAt())
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
