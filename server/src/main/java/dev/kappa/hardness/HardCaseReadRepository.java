package dev.kappa.hardness;

import org.jooq.Cursor;
import org.jooq.DSLContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The read side of hard cases: one query, with the item's data, the prediction and the stored scores, filtered and
 * ordered either by score or as the feed. Plain SQL: the optional filters and the row comparison on (seq, item_id),
 * which the feed index serves, read more clearly as SQL. The filters are fixed fragments; every value is bound.
 */
final class HardCaseReadRepository {
    private static final String SELECT = """
            select h.item_id, h.seq, h.score, h.uncertainty, h.model_disagreement, h.human_disagreement,
              h.class_weakness, h.gold_conflict, h.reasons, h.predicted, h.consensus, h.posterior::text, h.answers,
              h.model_wrong, i.external_id, i.data::text, i.gold::text, p.label::text, p.probs::text, p.score
            from hard_cases h
            join items i on i.project_id = h.project_id and i.id = h.item_id
            join predictions p on p.project_id = h.project_id and p.run_id = h.run_id and p.item_id = h.item_id
            """;

    private static final String LAST_SEQ = "select last_seq from hardness_feed where project_id = ?";

    private HardCaseReadRepository() {
    }

    /**
     * One past the project's last committed feed number: every row stamped below it is committed and visible to this
     * and any later statement, and every row written from now on gets a number at least this large (V050).
     */
    static long bound(DSLContext tx, long projectId) {
        Long last = tx.resultQuery(LAST_SEQ, projectId).fetchOne(0, Long.class);
        return (last == null ? 0 : last) + 1;
    }

    /**
     * Streams the matching rows to {@code sink}. {@code bound} non-null keeps rows whose feed number is below it
     * (feed and export); {@code limit} null streams all of them.
     */
    static void read(DSLContext tx, long projectId, long runId, HardCaseQuery q, Long bound, Integer limit,
                     HardCaseJson json, Consumer<HardCaseJson.Row> sink, Consumer<FeedCursor> last) {
        StringBuilder sql = new StringBuilder(SELECT).append("where h.project_id = ? and h.run_id = ?");
        List<Object> binds = new ArrayList<>(List.of(projectId, runId));
        if (q.classKey() != null) {
            sql.append(" and (h.predicted = ? or h.consensus = ?)");
            binds.add(q.classKey());
            binds.add(q.classKey());
        }
        if (q.minScore() != null) {
            sql.append(" and h.score >= ?");
            binds.add(q.minScore());
        }
        if (q.reason() != null) {
            sql.append(" and ? = any(h.reasons)");
            binds.add(q.reason().key());
        }
        if (q.modelWrong() != null) {
            sql.append(" and h.model_wrong = ?");
            binds.add(q.modelWrong());
        }
        if (q.labeled() != null) {
            sql.append(q.labeled() ? " and h.answers > 0" : " and h.answers = 0");
        }
        if (bound != null) {
            sql.append(" and h.seq < ?");
            binds.add(bound);
        }
        if (q.since() != null) {
            sql.append(" and (h.seq, h.item_id) > (?, ?) order by h.seq, h.item_id");
            binds.add(q.since().seq());
            binds.add(q.since().itemId());
        } else {
            sql.append(" order by h.score desc, h.item_id");
        }
        if (limit != null) {
            sql.append(" limit ?");
            binds.add(limit);
        }
        try (Cursor<?> c = tx.resultQuery(sql.toString(), binds.toArray()).fetchSize(1000).fetchLazy()) {
            ResultSet rs = c.resultSet();
            while (rs.next()) {
                sink.accept(json.row(rs));
                last.accept(new FeedCursor(rs.getLong(2), rs.getLong(1)));
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading hard cases of project " + projectId, e);
        }
    }
}
