package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import org.jooq.Cursor;
import org.jooq.DSLContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The rows a recompute scores, streamed with a large fetch size so a million-item project never sits in memory as
 * records: the project's items, and one model run's predictions.
 */
final class InputRepository {
    private static final String ITEMS =
            "select id, gold #>> '{}', priority from items where project_id = ? order by id";
    /** What fifo needs when it only resets priorities an earlier strategy left. */
    private static final String PRIORITISED_ITEMS =
            "select id, gold #>> '{}', priority from items where project_id = ? and priority <> 0 order by id";
    private static final String PREDICTIONS =
            "select item_id, label #>> '{}', probs::text, score from predictions where project_id = ? and run_id = ?";

    private InputRepository() {
    }

    /** Items by id: ids, gold class (-1 without, or a label the schema no longer has), current priority. */
    record Items(long[] ids, int[] gold, double[] priority) {
    }

    static Items items(DSLContext tx, long projectId, LabelSpace space, boolean onlyPrioritised) {
        int n = 0;
        long[] ids = new long[1024];
        int[] gold = new int[1024];
        double[] priority = new double[1024];
        try (Cursor<?> c = tx.resultQuery(onlyPrioritised ? PRIORITISED_ITEMS : ITEMS, projectId)
                .fetchSize(10_000).fetchLazy()) {
            ResultSet rs = c.resultSet();
            while (rs.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                    gold = Arrays.copyOf(gold, n * 2);
                    priority = Arrays.copyOf(priority, n * 2);
                }
                ids[n] = rs.getLong(1);
                String g = rs.getString(2);
                gold[n] = g == null ? -1 : space.classOf(g);
                priority[n] = rs.getDouble(3);
                n++;
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading items of project " + projectId, e);
        }
        return new Items(Arrays.copyOf(ids, n), Arrays.copyOf(gold, n), Arrays.copyOf(priority, n));
    }

    /** One prediction: the label key (null without), the probabilities as JSON text and the score (null without). */
    @FunctionalInterface
    interface Prediction {
        void accept(long itemId, String label, String probs, Double score);
    }

    /** Hands each of the run's predictions to {@code sink}, in no particular order. */
    static void predictions(DSLContext tx, long projectId, long runId, Prediction sink) {
        try (Cursor<?> c = tx.resultQuery(PREDICTIONS, projectId, runId).fetchSize(10_000).fetchLazy()) {
            ResultSet rs = c.resultSet();
            while (rs.next()) {
                double s = rs.getDouble(4);
                Double score = rs.wasNull() ? null : s;
                sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3), score);
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading predictions of run " + runId, e);
        }
    }
}
