package dev.kappa.assignment;

import dev.kappa.auth.Principal;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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

    public Future<JsonObject> progress(Principal caller, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            JsonObject tiers = new JsonObject();
            for (String tier : new String[] {"crowd", "expert"}) {
                tiers.put(tier, new JsonObject().put("items_complete", 0).put("items_in_progress", 0).put("items_not_started", 0)
                        .put("answers", 0).put("answers_today", 0).put("median_seconds_per_answer", null));
            }
            for (Record r : tx.fetch(SLOTS_BY_TIER, projectId)) {
                tiers.getJsonObject(r.get("tier", String.class)).put("items_complete", r.get("complete", Long.class))
                        .put("items_in_progress", r.get("in_progress", Long.class)).put("items_not_started", r.get("not_started", Long.class));
                if ("expert".equals(r.get("tier", String.class))) {
                    tiers.getJsonObject("expert").put("items_waiting_for_experts", r.get("open", Long.class));
                }
            }
            tiers.getJsonObject("expert").put("items_waiting_for_experts", tiers.getJsonObject("expert").getLong("items_waiting_for_experts", 0L));
            for (Record r : tx.fetch(ANSWERS_BY_TIER, projectId)) {
                tiers.getJsonObject(r.get("tier", String.class)).put("answers", r.get("answers", Long.class))
                        .put("answers_today", r.get("answers_today", Long.class)).put("median_seconds_per_answer", r.get("median_seconds", Double.class));
            }
            Record totals = tx.fetchOne("SELECT count(*) AS items, count(*) FILTER (WHERE escalated_at IS NOT NULL) AS escalated, "
                    + "count(*) FILTER (WHERE gold IS NOT NULL) AS gold, count(*) FILTER (WHERE extra_crowd > 0) AS extra_items, "
                    + "coalesce(sum(extra_crowd), 0) AS extra_slots FROM items WHERE project_id = ?", projectId);
            return new JsonObject().put("project_id", projectId).put("items", totals.get("items", Long.class))
                    .put("items_escalated", totals.get("escalated", Long.class)).put("gold_items", totals.get("gold", Long.class))
                    // Adaptive overlap (issue 14): items that got crowd votes beyond the overlap, and how many slots that was.
                    .put("items_with_extra_votes", totals.get("extra_items", Long.class))
                    .put("extra_crowd_slots", totals.get("extra_slots", Long.class))
                    .put("tiers", tiers);
        });
    }
}
