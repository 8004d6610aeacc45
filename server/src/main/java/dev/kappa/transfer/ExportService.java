package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Exports stream from a server-side cursor (fetchSize rows at a time, inside one read transaction on one worker) to
 * the response with back-pressure, so memory stays flat whatever the project's size. Per item: its external_id, data,
 * meta and gold, and every selected answer with annotator id and external id, tier, label, duration and time.
 */
public final class ExportService {
    static final int FETCH_SIZE = 2000;

    private final Db db;

    public ExportService(Db db) {
        this.db = db;
    }

    Future<Void> export(Principal p, long projectId, ExportFilter filter, HttpServerResponse response) {
        return db.blocking(() -> db.inTx(tx -> {
            // Access is checked before the first byte, so a refusal is still an ordinary problem+json answer.
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            tx.execute("set transaction read only");
            ExportConsensus consensus = ExportConsensus.of(tx, project, filter);
            boolean csv = filter.format().equals("csv");
            List<String> dataColumns = csv ? CsvExport.dataColumns(tx, projectId) : List.of();
            response.setChunked(true)
                    .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"project-" + projectId + (csv ? ".csv" : ".jsonl") + "\"");
            ResponseSink sink = new ResponseSink(response);
            if (csv) {
                CsvExport rows = new CsvExport(dataColumns, sink, consensus);
                rows.header();
                try (Cursor<Record> c = csvRows(tx, projectId, filter)) {
                    for (Record r : c) {
                        rows.row(r);
                    }
                }
            } else {
                JsonGenerator g = sink.json();
                try (Cursor<Record> c = jsonLines(tx, projectId, filter)) {
                    for (Record r : c) {
                        String item = r.get(0, String.class);
                        if (consensus == null) {
                            g.writeRaw(item);
                        } else {
                            consensus.write(g, item, r.get(1, Long.class));
                        }
                        sink.endLine();
                    }
                }
            }
            sink.end();
            return null;
        }));
    }

    /** One JSON line per item, built by PostgreSQL: Java only copies text. */
    private static Cursor<Record> jsonLines(DSLContext tx, long projectId, ExportFilter f) {
        List<Object> binds = new ArrayList<>();
        String answers = f.answerCondition(binds);
        binds.add(projectId);
        String items = f.itemCondition(binds);
        String sql = """
                select json_build_object('external_id', i.external_id, 'data', i.data, 'meta', i.meta, 'gold', i.gold,
                  'answers', coalesce((
                    select json_agg(json_build_object('annotator_id', a.annotator_id, 'annotator', u.external_id,
                      'tier', a.tier, 'label', a.label, 'duration_ms', a.duration_ms, 'source', a.source,
                      'created_at', a.created_at) order by a.created_at, a.id)
                    from answers a join users u on u.id = a.annotator_id where %s), '[]'::json))::text, i.id
                from items i where i.project_id = ? and %s order by i.seq""".formatted(answers, items);
        return tx.resultQuery(sql, binds.toArray()).fetchSize(FETCH_SIZE).fetchLazy();
    }

    /** One row per selected answer (item columns repeated), or one row with empty answer columns for an item with none. */
    private static Cursor<Record> csvRows(DSLContext tx, long projectId, ExportFilter f) {
        List<Object> binds = new ArrayList<>();
        String answers = f.answerCondition(binds);
        binds.add(projectId);
        String items = f.itemCondition(binds);
        String sql = """
                select i.id as item_id, i.external_id, i.gold::text as gold, i.data::text as data, i.meta::text as meta,
                  a.annotator_id, u.external_id as annotator, a.tier, a.label::text as label, a.duration_ms,
                  a.source, a.created_at
                from items i
                left join lateral (select * from answers a where %s order by a.created_at, a.id) a on true
                left join users u on u.id = a.annotator_id
                where i.project_id = ? and %s order by i.seq, a.created_at, a.id""".formatted(answers, items);
        return tx.resultQuery(sql, binds.toArray()).fetchSize(FETCH_SIZE).fetchLazy();
    }
}
