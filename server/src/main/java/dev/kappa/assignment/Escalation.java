package dev.kappa.assignment;

import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.Result;

import java.time.OffsetDateTime;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.SLOTS;

/**
 * Opens expert slots on an item once its crowd answers reach the crowd overlap and either the crowd's majority share
 * is below the project's threshold, or (when the project asks) the crowd's unique majority contradicts the gold label.
 * With adaptive overlap (issue 14) a low-agreement item first gets one more crowd slot at a time, up to max_crowd
 * crowd answers; only an item that still disagrees then is judged by the escalation rule. An item's crowd overlap is
 * the project's plus its extra_crowd.
 * The item row is locked first, so two answers filling the last two crowd slots at once are counted one after the
 * other and the rule is never missed.
 */
final class Escalation {
    private Escalation() {
    }

    static void afterCrowdAnswer(DSLContext tx, ProjectsRecord p, long itemId) {
        var item = tx.select(ITEMS.GOLD, ITEMS.ESCALATED_AT, ITEMS.EXTRA_CROWD).from(ITEMS)
                .where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId)).forNoKeyUpdate().fetchOne();
        boolean adaptive = p.getAdaptiveMaxCrowd() != null;
        if (item == null || item.value2() != null || (p.getOverlapExpert() == 0 && !adaptive)) {
            return;
        }
        Result<Record2<JSONB, Integer>> votes = tx.select(ANSWERS.LABEL, org.jooq.impl.DSL.count()).from(ANSWERS)
                .where(ANSWERS.PROJECT_ID.eq(p.getId()), ANSWERS.ITEM_ID.eq(itemId), ANSWERS.TIER.eq(Tier.CROWD))
                .groupBy(ANSWERS.LABEL).orderBy(org.jooq.impl.DSL.count().desc()).fetch();
        int total = votes.stream().mapToInt(Record2::value2).sum();
        if (total == 0 || total < Math.max(1, p.getOverlapCrowd() + item.value3())) {
            return;
        }
        // Adaptive overlap first: a low-agreement item gets one more crowd vote, the cheap move, while it may.
        if (adaptive && (double) votes.get(0).value2() / total < p.getAdaptiveMinAgreement() && total < p.getAdaptiveMaxCrowd()) {
            tx.update(ITEMS).set(ITEMS.EXTRA_CROWD, total + 1 - p.getOverlapCrowd())
                    .where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId)).execute();
            SlotSync.item(tx, p, itemId);
            return;
        }
        if (p.getOverlapExpert() == 0) {
            return;
        }
        String reason = reason(p, item.value1(), votes, total);
        if (reason != null) {
            tx.update(ITEMS).set(ITEMS.ESCALATED_AT, OffsetDateTime.now()).set(ITEMS.ESCALATION_REASON, reason)
                    .where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId)).execute();
            SlotSync.openExpertSlots(tx, p, itemId);
            dev.kappa.metrics.Metrics.escalated(reason);
        }
    }

    /**
     * The same rule as {@link #afterCrowdAnswer}, judged once, set-based, over the items an import touched (a table of
     * item_id): after the import's answers are all in, so an item is judged on its final votes, never on a prefix of
     * the file. Ties for the top count are not a unique majority, as in {@link #reason}.
     */
    static void afterImport(DSLContext tx, ProjectsRecord p, String touched) {
        boolean adaptive = p.getAdaptiveMaxCrowd() != null;
        if (p.getOverlapExpert() == 0 && !adaptive) {
            return;
        }
        SlotSync.bulk(tx, () -> EscalationRepository.judgeTouched(tx, p, touched));
    }

    /**
     * Withdraws an escalation made at or after {@code since} (by the answer being undone) while no expert has answered
     * or holds the item. Returns true when the item's expert slots need re-syncing.
     */
    static boolean withdraw(DSLContext tx, ProjectsRecord p, long itemId, OffsetDateTime since) {
        boolean expertStarted = tx.fetchExists(SLOTS, SLOTS.PROJECT_ID.eq(p.getId()),
                SLOTS.ITEM_ID.eq(itemId), SLOTS.TIER.eq(Tier.EXPERT),
                SLOTS.ANNOTATOR_ID.isNotNull());
        if (expertStarted) {
            return false;
        }
        return tx.update(ITEMS).setNull(ITEMS.ESCALATED_AT).setNull(ITEMS.ESCALATION_REASON)
                .where(ITEMS.PROJECT_ID.eq(p.getId()), ITEMS.ID.eq(itemId), ITEMS.ESCALATED_AT.ge(since)).execute() > 0;
    }

    /** The rule itself, kept apart from the SQL so it reads as the issue states it. */
    static String reason(ProjectsRecord p, JSONB gold, Result<Record2<JSONB, Integer>> votes, int total) {
        int top = votes.get(0).value2();
        double share = (double) top / total;
        if (share < p.getEscalationMinAgreement()) {
            return "crowd_disagreement";
        }
        boolean uniqueMajority = votes.size() == 1 || votes.get(1).value2() < top;
        if (gold != null && p.getEscalateOnGoldConflict() && uniqueMajority && !sameLabel(votes.get(0).value1(), gold)) {
            return "gold_conflict";
        }
        return null;
    }

    private static boolean sameLabel(JSONB a, JSONB b) {
        return io.vertx.core.json.Json.decodeValue(a.data()).equals(io.vertx.core.json.Json.decodeValue(b.data()));
    }
}
