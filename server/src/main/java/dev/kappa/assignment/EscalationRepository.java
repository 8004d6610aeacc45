package dev.kappa.assignment;

import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The set-based form of {@link Escalation}'s rule, as a jOOQ template: {@code {0}} is the touched items' table (an
 * identifier), every other {@code {n}} a bound value.
 */
final class EscalationRepository {
    /**
     * One pass over the touched items' crowd votes. An item whose votes reach its overlap with a majority share below
     * the adaptive threshold, and fewer votes than max_crowd, gets one more crowd slot than the votes it has (as a live
     * answer would have opened one at a time); otherwise the escalation rule is judged. Ties for the top count are not
     * a unique majority ({@code second < n}). {1} project, {2} adaptive, {3} its min agreement, {4} its max crowd,
     * {5} expert overlap, {6} escalation min agreement, {7} escalate on gold conflict, {8} crowd overlap.
     */
    private static final String JUDGE_TOUCHED = """
            WITH votes AS (
              SELECT a.item_id, a.label, count(*) AS n FROM answers a JOIN {0} t ON t.item_id = a.item_id
              WHERE a.project_id = {1} AND a.tier = 'crowd' GROUP BY a.item_id, a.label
            ), ranked AS (
              SELECT v.*, sum(v.n) OVER w AS total, row_number() OVER w_desc AS rk, lead(v.n) OVER w_desc AS second
              FROM votes v WINDOW w AS (PARTITION BY v.item_id), w_desc AS (PARTITION BY v.item_id ORDER BY v.n DESC)
            ), judged AS (
              SELECT r.item_id, r.total,
                ({2} AND r.n::float8 / r.total < {3} AND r.total < {4}) AS more_votes,
                CASE
                  WHEN {5} = 0 THEN NULL
                  WHEN r.n::float8 / r.total < {6} THEN 'crowd_disagreement'
                  WHEN {7} AND i.gold IS NOT NULL AND (r.second IS NULL OR r.second < r.n) AND r.label <> i.gold THEN 'gold_conflict'
                END AS reason
              FROM ranked r JOIN items i ON i.project_id = {1} AND i.id = r.item_id
              WHERE r.rk = 1 AND r.total >= greatest(1, {8} + i.extra_crowd) AND i.escalated_at IS NULL
            )
            UPDATE items i SET
              extra_crowd = CASE WHEN j.more_votes THEN j.total + 1 - {8} ELSE i.extra_crowd END,
              escalated_at = CASE WHEN NOT j.more_votes AND j.reason IS NOT NULL THEN now() END,
              escalation_reason = CASE WHEN NOT j.more_votes THEN j.reason END
            FROM judged j
            WHERE i.project_id = {1} AND i.id = j.item_id AND (j.more_votes OR j.reason IS NOT NULL)""";

    private EscalationRepository() {
    }

    /** Judges the items listed in {@code touched} (item_id) on their crowd votes; returns how many items changed. */
    static int judgeTouched(DSLContext tx, ProjectsRecord p, String touched) {
        boolean adaptive = p.getAdaptiveMaxCrowd() != null;
        return tx.execute(JUDGE_TOUCHED, DSL.name(touched), DSL.val(p.getId()), DSL.val(adaptive),
                DSL.val(adaptive ? p.getAdaptiveMinAgreement() : 0.0), DSL.val(adaptive ? p.getAdaptiveMaxCrowd() : 0),
                DSL.val(p.getOverlapExpert()), DSL.val(p.getEscalationMinAgreement()), DSL.val(p.getEscalateOnGoldConflict()),
                DSL.val(p.getOverlapCrowd()));
    }
}
