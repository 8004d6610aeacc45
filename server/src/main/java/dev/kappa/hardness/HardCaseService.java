package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static dev.kappa.db.Tables.MODEL_RUNS;

/** Reads hard cases for engineers: the ranked list, the feed, the JSONL export, and the per-class report. */
public final class HardCaseService {
    /** What an export will stream, decided before the response starts: run (null: none yet) and feed bound. */
    public record Export(long projectId, LabelSpace space, Long runId, long bound, HardCaseQuery query) {
        public FeedCursor nextCursor() {
            FeedCursor after = FeedCursor.before(bound);
            return query.since() != null && query.since().compareTo(after) > 0 ? query.since() : after;
        }
    }

    private final Db db;

    public HardCaseService(Db db) {
        this.db = db;
    }

    /** A page of hard cases, by score or as a feed; {@code next_cursor} only for the feed. */
    public record Page(Long runId, String order, List<HardCaseJson.Row> items,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
    }

    public Future<Page> list(Principal p, long projectId, HardCaseQuery q) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = checkedSpace(project, q);
            Long runId = run(tx, projectId, q.runId());
            List<HardCaseJson.Row> items = new ArrayList<>();
            String order = q.since() == null ? "score" : "feed";
            if (runId == null) {
                return new Page(null, order, items, q.since() == null ? null : q.since().toString());
            }
            // Read before the rows: rows below an earlier bound are just as visible to the later select.
            Long bound = q.since() == null ? null : HardCaseReadRepository.bound(tx, projectId);
            AtomicReference<FeedCursor> last = new AtomicReference<>();
            HardCaseReadRepository.read(tx, projectId, runId, q, bound, q.limit(), new HardCaseJson(space, runId, false),
                    items::add, last::set);
            String next = null;
            if (q.since() != null) {
                next = (items.size() == q.limit() ? last.get() : new Export(projectId, space, runId, bound, q).nextCursor()).toString();
            }
            return new Page(runId, order, items, next);
        });
    }

    /** Validates and fixes the export's bounds; then {@link #stream} writes it. */
    public Future<Export> export(Principal p, long projectId, HardCaseQuery q) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = checkedSpace(project, q);
            return new Export(projectId, space, run(tx, projectId, q.runId()), HardCaseReadRepository.bound(tx, projectId), q);
        });
    }

    /** Every matching row numbered below the export's bound, so that its next cursor skips and repeats nothing. */
    public Future<Void> stream(Export e, Consumer<HardCaseJson.Row> sink, Runnable end) {
        return db.blocking(() -> db.inTx(tx -> {
            if (e.runId() != null) {
                HardCaseReadRepository.read(tx, e.projectId(), e.runId(), e.query(), e.bound(), null,
                        new HardCaseJson(e.space(), e.runId(), true), sink, c -> { });
            }
            end.run();
            return null;
        }));
    }

    public Future<ClassReport.Classes> classes(Principal p, long projectId, Long runId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return ClassReport.of(tx, projectId, run(tx, projectId, runId));
        });
    }

    /** The run asked for (404 if it is not the project's), else the one the queue follows, else null. */
    static Long run(DSLContext tx, long projectId, Long asked) {
        if (asked != null) {
            if (!tx.fetchExists(MODEL_RUNS, MODEL_RUNS.PROJECT_ID.eq(projectId), MODEL_RUNS.ID.eq(asked))) {
                throw Problems.notFound("model run " + asked);
            }
            return asked;
        }
        return SettingsRepository.followed(SettingsRepository.find(tx, projectId), SettingsRepository.runs(tx, projectId));
    }

    private static LabelSpace checkedSpace(ProjectsRecord project, HardCaseQuery q) {
        LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
        if (q.classKey() != null && space.classOf(q.classKey()) < 0) {
            throw Problems.invalid("class", "is not a label key of this project's schema " + space.keys());
        }
        return space;
    }
}
