package dev.kappa.agreement;

import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.logging.Logger;

/**
 * Agreement of a project's answers. The answers are read in one transaction, which then ends; the statistics
 * run afterwards on the worker pool without holding a connection.
 */
public final class AgreementService {
    /** Default resamples for small projects: 1000 gives stable 95% percentile bounds. */
    static final int MAX_DEFAULT_RESAMPLES = 1000;
    /**
     * Above 20,000 answers the default shrinks so that resamples x answers stays near 2e7 (about two seconds of
     * work here); below 100 resamples it is 0 and the response says to ask explicitly, since a 95% percentile
     * interval from fewer resamples is too rough to print.
     */
    static final long RESAMPLE_BUDGET = 20_000_000L;

    private static final Logger LOG = Logger.getLogger(AgreementService.class.getName());

    private final Db db;

    public AgreementService(Db db) {
        this.db = db;
    }

    public Future<JsonObject> agreement(Principal p, long projectId, AgreementRequest q) {
        long t0 = System.nanoTime();
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            q.filter().labelIn(space);
            return AnswerLoader.load(tx, projectId, space, q.filter(), false);
        }).compose(set -> db.blocking(() -> {
            long t1 = System.nanoTime();
            JsonObject out = report(projectId, set, q);
            LOG.info(() -> String.format("agreement of project %d: %,d answers read in %d ms, statistics in %d ms", projectId,
                    set.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
            return out;
        }));
    }

    static int defaultResamples(int answers) {
        long n = answers <= 0 ? MAX_DEFAULT_RESAMPLES : Math.min(MAX_DEFAULT_RESAMPLES, RESAMPLE_BUDGET / answers);
        return n < 100 ? 0 : (int) (n / 100 * 100);
    }

    static JsonObject report(long projectId, AnswerSet set, AgreementRequest q) {
        int resamples = q.resamples() != null ? q.resamples() : defaultResamples(set.size());
        int label = q.filter().labelIn(set.space());
        int pairable = 0;
        int[] perItem = new int[set.nItems()];
        for (int a = 0; a < set.size(); a++) {
            if (++perItem[set.item(a)] == 2) {
                pairable++;
            }
        }
        JsonObject out = new JsonObject()
                .put("project_id", projectId)
                .put("kind", set.space().kind())
                .put("n_items", set.nItems())
                .put("n_items_pairable", pairable)
                .put("n_answers", set.size())
                .put("n_annotators", set.nAnnotators())
                .put("ignored_answers", set.ignored())
                .put("filters", q.filter().json())
                .put("bootstrap", new JsonObject().put("resamples", resamples).put("seed", q.seed()).put("level", q.level())
                        .put("default", q.resamples() == null));
        return out.mergeIn(new AgreementReport(set, q, resamples).build(label));
    }
}
