package dev.kappa.transfer;

import dev.kappa.analysis.AnswerLoader;
import dev.kappa.db.tables.Answers;
import dev.kappa.db.tables.Items;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.util.List;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.ITEMS;

/**
 * SQL of exports. Rows come through a server-side cursor ({@code fetchSize} at a time) so memory stays flat whatever
 * the project's size. The rows are built by PostgreSQL as SQL templates: {0} is the condition on a project's answers
 * {@code a} of item {@code i} (the filters analyses use, {@link AnswerLoader#selects}), {1} the project, {2} the
 * condition on items.
 */
final class ExportRepository {
    static final int FETCH_SIZE = 2000;

    /** One JSON line per item, built by PostgreSQL: Java only copies text. */
    private static final String JSON_LINES = """
            select json_build_object('external_id', i.external_id, 'data', i.data, 'meta', i.meta, 'gold', i.gold,
              'answers', coalesce((
                select json_agg(json_build_object('annotator_id', a.annotator_id, 'annotator', u.external_id,
                  'tier', a.tier, 'label', a.label, 'duration_ms', a.duration_ms, 'source', a.source,
                  'created_at', a.created_at) order by a.created_at, a.id)
                from answers a join users u on u.id = a.annotator_id where {0}), '[]'::json))::text, i.id
            from items i where i.project_id = {1} and {2} order by i.seq""";

    /** One row per selected answer (item columns repeated), or one row with empty answer columns for an item with none. */
    private static final String CSV_ROWS = """
            select i.id as item_id, i.external_id, i.gold::text as gold, i.data::text as data, i.meta::text as meta,
              a.annotator_id, u.external_id as annotator, a.tier, a.label::text as label, a.duration_ms,
              a.source, a.created_at
            from items i
            left join lateral (select * from answers a where {0} order by a.created_at, a.id) a on true
            left join users u on u.id = a.annotator_id
            where i.project_id = {1} and {2} order by i.seq, a.created_at, a.id""";

    private static final String DATA_KEYS = "select distinct k from items, jsonb_object_keys(data) k where project_id = ? order by k";

    private static final Answers A = ANSWERS.as("a");
    private static final Items I = ITEMS.as("i");

    private ExportRepository() {
    }

    /** An export only reads: said to PostgreSQL, so a mistake cannot write. */
    static void readOnly(DSLContext tx) {
        tx.execute("set transaction read only");
    }

    static Cursor<Record> jsonLines(DSLContext tx, long projectId, ExportFilter f) {
        return rows(tx, JSON_LINES, projectId, f);
    }

    static Cursor<Record> csvRows(DSLContext tx, long projectId, ExportFilter f) {
        return rows(tx, CSV_ROWS, projectId, f);
    }

    /** Every top-level data key in the project: one pass over the items before the cursor opens. */
    static List<String> dataKeys(DSLContext tx, long projectId) {
        return tx.fetch(DATA_KEYS, projectId).getValues(0, String.class);
    }

    private static Cursor<Record> rows(DSLContext tx, String sql, long projectId, ExportFilter f) {
        Condition answers = A.PROJECT_ID.eq(I.PROJECT_ID).and(A.ITEM_ID.eq(I.ID)).and(AnswerLoader.selects(A, f.answers()));
        // has_consensus: only items with at least one selected answer (true), or only items with none (false).
        Condition items = f.hasConsensus() == null ? DSL.trueCondition()
                : f.hasConsensus() ? DSL.exists(DSL.selectOne().from(A).where(answers))
                : DSL.notExists(DSL.selectOne().from(A).where(answers));
        return tx.resultQuery(sql, answers, DSL.val(projectId), items).fetchSize(FETCH_SIZE).fetchLazy();
    }
}
