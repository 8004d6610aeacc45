package dev.kappa.assignment;

import dev.kappa.auth.Principal;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Record;

/**
 * Progress per tier, computed from the slot rows (an item is complete in a tier when its filled slots reach the
 * overlap; rows are made as needed, so their count is not the overlap) and answers in one pass each: nothing is kept as a counter, so it
 * cannot drift from the truth.
 */
public final class ProgressService {
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

    private final Db db;

    public ProgressService(Db db) {
        this.db = db;
    }

    /** One tier's items and answers; experts also say how many items wait for them. */
    public record TierProgress(long itemsComplete, long itemsInProgress, long itemsNotStarted, long answers, long answersToday,
                               Double medianSecondsPerAnswer,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long itemsWaitingForExperts) {
    }

    public record Tiers(TierProgress crowd, TierProgress expert) {
    }

    /**
     * What GET progress answers. Adaptive overlap (issue 14): items that got crowd votes beyond the overlap, and how
     * many slots that was.
     */
    public record Progress(long projectId, long items, long itemsEscalated, long goldItems, long itemsWithExtraVotes,
                           long extraCrowdSlots, Tiers tiers) {
    }

    public Future<Progress> progress(Principal caller, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            Map<String, Record> slots = new HashMap<>();
            for (Record r : tx.fetch(SLOTS_BY_TIER, projectId)) {
                slots.put(r.get("tier", String.class), r);
            }
            Map<String, Record> answers = new HashMap<>();
            for (Record r : tx.fetch(ANSWERS_BY_TIER, projectId)) {
                answers.put(r.get("tier", String.class), r);
            }
            Record totals = tx.fetchOne("SELECT count(*) AS items, count(*) FILTER (WHERE escalated_at IS NOT NULL) AS escalated, "
                    + "count(*) FILTER (WHERE gold IS NOT NULL) AS gold, count(*) FILTER (WHERE extra_crowd > 0) AS extra_items, "
                    + "coalesce(sum(extra_crowd), 0) AS extra_slots FROM items WHERE project_id = ?", projectId);
            return new Progress(projectId, totals.get("items", Long.class), totals.get("escalated", Long.class),
                    totals.get("gold", Long.class), totals.get("extra_items", Long.class), totals.get("extra_slots", Long.class),
                    new Tiers(tier(slots.get("crowd"), answers.get("crowd"), false), tier(slots.get("expert"), answers.get("expert"), true)));
        });
    }

    private static TierProgress tier(Record slots, Record answers, boolean expert) {
        return new TierProgress(count(slots, "complete"), count(slots, "in_progress"), count(slots, "not_started"),
                count(answers, "answers"), count(answers, "answers_today"),
                answers == null ? null : answers.get("median_seconds", Double.class), expert ? count(slots, "open") : null);
    }

    private static long count(Record r, String field) {
        return r == null ? 0 : r.get(field, Long.class);
    }
}
