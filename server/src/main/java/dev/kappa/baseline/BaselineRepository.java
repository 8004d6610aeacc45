package dev.kappa.baseline;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static dev.kappa.db.Tables.MODEL_RUNS;
import static dev.kappa.db.Tables.PREDICTIONS;

/** SQL for baselines: a project's model runs, and their predictions as classes per item index of an answer set. */
final class BaselineRepository {
    /** Rows per round trip, as for answers. */
    private static final int FETCH_SIZE = 10_000;

    private BaselineRepository() {
    }

    static List<ModelRun> runs(DSLContext tx, long projectId) {
        return tx.selectFrom(MODEL_RUNS).where(MODEL_RUNS.PROJECT_ID.eq(projectId)).orderBy(MODEL_RUNS.ID)
                .fetch(r -> new ModelRun(r.getId(), r.getModel(), r.getVersion(), r.getLatencyMs(), r.getSizeMb(), r.getCostPer_1k()));
    }

    /**
     * predictions[r][i]: run r's class for answered item i, -1 where it has none (or a label the schema no longer
     * has). Predictions on items nobody answered are not read: no baseline row can use them.
     */
    static int[][] predictions(DSLContext tx, long projectId, List<ModelRun> runs, AnswerSet answers) {
        LabelSpace space = answers.space();
        int[][] out = new int[runs.size()][answers.nItems()];
        for (int[] run : out) {
            Arrays.fill(run, -1);
        }
        if (runs.isEmpty()) {
            return out;
        }
        long[] ids = runs.stream().mapToLong(ModelRun::id).toArray();
        try (Cursor<?> cursor = tx.select(PREDICTIONS.RUN_ID, PREDICTIONS.ITEM_ID,
                        DSL.field("{0} #>> '{}'", SQLDataType.CLOB, PREDICTIONS.LABEL))
                .from(PREDICTIONS).where(PREDICTIONS.PROJECT_ID.eq(projectId))
                .fetchSize(FETCH_SIZE).fetchLazy()) {
            ResultSet rs = cursor.resultSet();
            while (rs.next()) {
                int r = Arrays.binarySearch(ids, rs.getLong(1));
                int i = answers.itemIndex(rs.getLong(2));
                if (r >= 0 && i >= 0) {
                    out[r][i] = space.classOf(rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading predictions of project " + projectId, e);
        }
        return out;
    }
}
