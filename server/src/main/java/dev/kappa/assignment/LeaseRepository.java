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

    /** The lease, locked so that concurrent retries of one submit run one after another. */
    static Optional<LeasesRecord> lockLease(DSLContext tx, LeaseId id) {
        return tx.selectFrom(LEASES).where(LEASES.PROJECT_ID.eq(id.projectId()), LEASES.ID.eq(id.id())).forUpdate().fetchOptional();
    }

    static Optional<AnswersRecord> answerOf(DSLContext tx, LeaseId id) {
        return tx.selectFrom(ANSWERS).where(ANSWERS.PROJECT_ID.eq(id.projectId()), ANSWERS.LEASE_ID.eq(id.id())).fetchOptional();
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

    static void fillSlot(DSLContext tx, SlotsRecord s, long answerId) {
        tx.update(SLOTS).set(SLOTS.ANSWER_ID, answerId).set(SLOTS.EXPIRES_AT, (OffsetDateTime) null)
                .where(SLOTS.PROJECT_ID.eq(s.getProjectId()), SLOTS.ITEM_ID.eq(s.getItemId()), SLOTS.TIER.eq(s.getTier()), SLOTS.SLOT_NO.eq(s.getSlotNo()))
                .execute();
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
