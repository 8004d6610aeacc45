package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import org.jooq.Cursor;
import org.jooq.Record;

import java.util.List;

/**
 * Exports stream from a server-side cursor ({@link ExportRepository}, inside one read transaction on one worker) to
 * the response with back-pressure, so memory stays flat whatever the project's size. Per item: its external_id, data,
 * meta and gold, and every selected answer with annotator id and external id, tier, label, duration and time.
 */
public final class ExportService {
    private final Db db;

    public ExportService(Db db) {
        this.db = db;
    }

    Future<Void> export(Principal p, long projectId, ExportFilter filter, HttpServerResponse response) {
        return db.blocking(() -> db.inTx(tx -> {
            // Access is checked before the first byte, so a refusal is still an ordinary problem+json answer.
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            ExportRepository.readOnly(tx);
            ExportConsensus consensus = ExportConsensus.of(tx, project, filter);
            boolean csv = filter.format().equals("csv");
            List<String> dataColumns = csv ? ExportRepository.dataKeys(tx, projectId) : List.of();
            response.setChunked(true)
                    .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"project-" + projectId + (csv ? ".csv" : ".jsonl") + "\"");
            ResponseSink sink = new ResponseSink(response);
            if (csv) {
                CsvExport rows = new CsvExport(dataColumns, sink, consensus);
                rows.header();
                try (Cursor<Record> c = ExportRepository.csvRows(tx, projectId, filter)) {
                    for (Record r : c) {
                        rows.row(r);
                    }
                }
            } else {
                JsonGenerator g = sink.json();
                try (Cursor<Record> c = ExportRepository.jsonLines(tx, projectId, filter)) {
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
}
