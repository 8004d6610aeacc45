package dev.kappa.transfer;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.metrics.Metrics;
import dev.kappa.project.LabelSchema;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.DSLContext;

import java.io.InputStream;
import java.util.function.Function;

/**
 * Bulk uploads, each one transaction on one worker thread that reads the request body as it arrives. The project row
 * is share-locked for the whole upload, so its schema cannot change while labels are being checked against it.
 */
public final class ImportService {
    private final Db db;

    public ImportService(Db db) {
        this.db = db;
    }

    Future<Imported.Items> items(Principal p, long projectId, UploadFormat format, InputStream body) {
        notJson(format);
        return run(p, projectId, format, body, project -> new ItemImport(projectId, schemaOf(project)), true).onSuccess(r -> Metrics.imported("items"));
    }

    Future<Imported.Predictions> predictions(Principal p, long projectId, UploadFormat format, InputStream body, PredictionImport.Run run) {
        notJson(format);
        return run(p, projectId, format, body, project -> new PredictionImport(projectId, schemaOf(project), run), false).onSuccess(r -> Metrics.imported("predictions"));
    }

    /** How a past-answer upload is read: whose export it is, renamed columns, the default tier, the queue behaviour. */
    record AnswerOptions(AnswerSource source, java.util.Map<String, String> mapping, Tier defaultTier, String fromName,
                         boolean fillSlots) {
    }

    Future<Imported.AnswersFrom> answers(Principal p, long projectId, UploadFormat format, InputStream body, AnswerOptions o) {
        o.source().requireFormat(format);
        return db.blocking(() -> db.inTx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManagerForWrite(tx, p, projectId);
            if (o.fillSlots()) {
                lockItemImports(tx, projectId);
            }
            LabelSchema schema = schemaOf(project);
            RowReader reader = ToolRows.wrap(format.open(body), o.source(), o.mapping(), schema, o.fromName());
            Imported.Answers result = StreamedImport.run(tx, body, reader, new AnswerImport(project, schema, o.fillSlots(), o.defaultTier()));
            return new Imported.AnswersFrom(result, o.source().key(), reader instanceof ToolRows t ? t.skipped() : 0L);
        })).onSuccess(r -> Metrics.imported("answers"));
    }

    private <R> Future<R> run(Principal p, long projectId, UploadFormat format, InputStream body,
                              Function<ProjectsRecord, ImportKind<R>> kind, boolean exclusive) {
        return db.blocking(() -> db.inTx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManagerForWrite(tx, p, projectId);
            if (exclusive) {
                lockItemImports(tx, projectId);
            }
            return StreamedImport.run(tx, body, format, kind.apply(project));
        }));
    }

    /** A JSON array is Label Studio's export of past answers; items and predictions come as JSONL, CSV or TSV. */
    private static void notJson(UploadFormat format) {
        if (format == UploadFormat.JSON) {
            throw new dev.kappa.error.ApiException(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type application/json is taken for past answers in Label Studio's export only; send items and"
                            + " predictions as application/x-ndjson, text/csv or text/tab-separated-values", "Content-Type",
                    java.util.List.of(new dev.kappa.error.ApiException.Violation("Content-Type", "must be application/x-ndjson, text/csv or text/tab-separated-values")));
        }
    }

    /**
     * Item imports of one project run one at a time, so each can number its new items after the last one; so do answer
     * imports that fill slots, which number new slot rows after an item's last one.
     */
    private static void lockItemImports(DSLContext tx, long projectId) {
        ImportRepository.lockItemImports(tx, projectId);
    }

    private static LabelSchema schemaOf(ProjectsRecord project) {
        return LabelSchema.fromJson(project.getSchema().data());
    }
}
