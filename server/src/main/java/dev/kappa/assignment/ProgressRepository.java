package dev.kappa.assignment;

import dev.kappa.auth.Tier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import static dev.kappa.db.Tables.ITEMS;

/** SQL for the progress views. Everything is counted from the rows on each call: no counter can drift. */
final class ProgressRepository {
    /** One tier's items by state; a tier without slot rows has none. */
    record SlotCounts(long complete, long inProgress, long notStarted, long open) {
        static final SlotCounts NONE = new SlotCounts(0, 0, 0, 0);
    }

    /** One tier's answers; a tier without answers has no median. */
    record AnswerCounts(long answers, long answersToday, Double medianSeconds) {
        static final AnswerCounts NONE = new AnswerCounts(0, 0, null);
    }

    record ItemCounts(long items, long escalated, long gold, long withExtraVotes, long extraCrowdSlots) {
    }

    record MyCounts(long answersToday, long itemsLeft) {
    }

    /**
     * An item is complete in a tier when its filled slots reach the overlap; rows are made as needed, so their count
     * is not the overlap.
     */
    private static final String SLOTS_BY_TIER = """
            SELECT tier,
                   count(*) FILTER (WHERE filled >= needed) AS complete,
                   count(*) FILTER (WHERE filled < needed AND (filled > 0 OR leased > 0)) AS in_progress,
                   count(*) FILTER (WHERE filled = 0 AND leased = 0) AS not_started,
                   count(*) FILTER (WHERE filled < needed) AS open
            FROM (SELECT s.tier, s.item_id, count(s.answer_id) AS filled,
                         count(*) FILTER (WHERE s.answer_id IS NULL AND s.lease_id IS NOT NULL AND s.expires_at > now()) AS leased,
                         max(CASE s.tier WHEN 'crowd' THEN p.overlap_crowd + i.extra_crowd ELSE p.overlap_expert END) AS needed
                  FROM slots s JOIN projects p ON p.id = s.project_id JOIN items i ON i.project_id = s.project_id AND i.id = s.item_id
                  WHERE s.project_id = ? GROUP BY s.tier, s.item_id) per_item
            GROUP BY tier
            """;
    private static final String ANSWERS_BY_TIER = """
            SELECT tier, count(*) AS answers,
                   count(*) FILTER (WHERE created_at >= date_trunc('day', now())) AS answers_today,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(duration_ms, server_ms)) / 1000.0 AS median_seconds
            FROM answers WHERE project_id = ? GROUP BY tier
            """;

    /**
     * Answers today walk the (project, annotator, created_at) index; items left walk the project's items by primary
     * key with index-backed existence checks up to the limit. An item is left for the caller while a slot of their
     * tier is open to them (not filled, and free, expired, or held by them) and they have neither answered nor
     * skipped it. Gold checks, served outside slots, are not counted.
     */
    private static final String MY_PROGRESS = """
            SELECT (SELECT count(*) FROM answers a
                    WHERE a.project_id = ? AND a.annotator_id = ? AND a.created_at >= date_trunc('day', now())) AS answers_today,
                   (SELECT count(*) FROM (
                      SELECT 1 FROM items i
                      WHERE i.project_id = ?
                        AND EXISTS (SELECT 1 FROM slots s WHERE s.project_id = i.project_id AND s.item_id = i.id AND s.tier = ?
                                    AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now() OR s.annotator_id = ?))
                        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = i.project_id AND a.item_id = i.id AND a.annotator_id = ?)
                        AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = i.project_id AND k.item_id = i.id AND k.annotator_id = ?)
                      LIMIT ?) capped) AS items_left
            """;

    private ProgressRepository() {
    }

    static Map<Tier, SlotCounts> slotsByTier(DSLContext tx, long projectId) {
        Map<Tier, SlotCounts> byTier = new EnumMap<>(Tier.class);
        for (Record r : tx.fetch(SLOTS_BY_TIER, projectId)) {
            byTier.put(Tier.of(r.get("tier", String.class)), new SlotCounts(r.get("complete", Long.class),
                    r.get("in_progress", Long.class), r.get("not_started", Long.class), r.get("open", Long.class)));
        }
        return byTier;
    }

    static Map<Tier, AnswerCounts> answersByTier(DSLContext tx, long projectId) {
        Map<Tier, AnswerCounts> byTier = new EnumMap<>(Tier.class);
        for (Record r : tx.fetch(ANSWERS_BY_TIER, projectId)) {
            byTier.put(Tier.of(r.get("tier", String.class)), new AnswerCounts(r.get("answers", Long.class),
                    r.get("answers_today", Long.class), r.get("median_seconds", Double.class)));
        }
        return byTier;
    }

    static ItemCounts items(DSLContext tx, long projectId) {
        return tx.select(DSL.count(), DSL.count().filterWhere(ITEMS.ESCALATED_AT.isNotNull()),
                        DSL.count().filterWhere(ITEMS.GOLD.isNotNull()), DSL.count().filterWhere(ITEMS.EXTRA_CROWD.gt(0)),
                        DSL.coalesce(DSL.sum(ITEMS.EXTRA_CROWD), BigDecimal.ZERO))
                .from(ITEMS).where(ITEMS.PROJECT_ID.eq(projectId))
                .fetchSingle(Records.mapping((items, escalated, gold, extraItems, extraSlots) ->
                        new ItemCounts(items, escalated, gold, extraItems, extraSlots.longValue())));
    }

    /** The caller's answers today and the items left for them, counted up to {@code limit}. */
    static MyCounts mine(DSLContext tx, long projectId, long annotatorId, Tier tier, int limit) {
        Record r = tx.fetchOne(MY_PROGRESS, projectId, annotatorId, projectId, tier.getLiteral(), annotatorId, annotatorId,
                annotatorId, limit);
        return new MyCounts(r.get("answers_today", Long.class), r.get("items_left", Long.class));
    }
}
