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

    /** Every prediction of the project's runs as parallel arrays: run index, item id, class (-1: not in the schema). */
    record Predictions(List<ModelRun> runs, int size, int[] run, long[] item, int[] label) {
        /**
         * predictions[r][i]: run r's class for answered item i, -1 where it has none. Predictions on items nobody
         * answered are dropped: no baseline row can use them.
         */
        int[][] byItem(AnswerSet answers) {
            int[][] out = new int[runs.size()][answers.nItems()];
            for (int[] r : out) {
                Arrays.fill(r, -1);
            }
            for (int x = 0; x < size; x++) {
                int i = answers.itemIndex(item[x]);
                if (i >= 0) {
                    out[run[x]][i] = label[x];
                }
            }
            return out;
        }
    }

    static Predictions predictions(DSLContext tx, long projectId, LabelSpace space) {
        List<ModelRun> runs = runs(tx, projectId);
        long[] ids = runs.stream().mapToLong(ModelRun::id).toArray();
        int n = 0;
        int[] run = new int[1024];
        long[] item = new long[1024];
        int[] label = new int[1024];
        try (Cursor<?> cursor = tx.select(PREDICTIONS.RUN_ID, PREDICTIONS.ITEM_ID,
                        DSL.field("{0} #>> '{}'", SQLDataType.CLOB, PREDICTIONS.LABEL))
                .from(PREDICTIONS).where(PREDICTIONS.PROJECT_ID.eq(projectId))
                .fetchSize(FETCH_SIZE).fetchLazy()) {
            ResultSet rs = cursor.resultSet();
            while (rs.next()) {
                int r = Arrays.binarySearch(ids, rs.getLong(1));
                if (r < 0) {
                    continue;
                }
                if (n == run.length) {
                    run = Arrays.copyOf(run, n * 2);
                    item = Arrays.copyOf(item, n * 2);
                    label = Arrays.copyOf(label, n * 2);
                }
                run[n] = r;
                item[n] = rs.getLong(2);
                label[n++] = space.classOf(rs.getString(3));
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading predictions of project " + projectId, e);
        }
        return new Predictions(runs, n, run, item, label);
    }
}
