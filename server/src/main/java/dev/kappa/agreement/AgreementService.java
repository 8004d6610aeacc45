package dev.kappa.agreement;

import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.util.logging.Logger;

/**
 * Agreement of a project's answers. The answers are read in one transaction, which then ends; the statistics
 * run afterwards on the worker pool without holding a connection.
 */
public final class AgreementService {
    /** Default resamples for small projects: 1000 gives stable 95% percentile bounds. */
    static final int MAX_DEFAULT_RESAMPLES = 1000;
    /**
     * One resample costs about a microsecond per answer here (all coefficients; pairwise Cohen is most of it), so the
     * default keeps resamples x answers near 2e6, about two seconds: 1000 up to 2,000 answers, 100 at 20,000, and none
     * above, where the response says how to ask (a 95% percentile interval from fewer than 100 resamples is too rough).
     */
    static final long RESAMPLE_BUDGET = 2_000_000L;
    static final int MIN_DEFAULT_RESAMPLES = 100;

    private static final Logger LOG = Logger.getLogger(AgreementService.class.getName());

    private final Db db;

    public AgreementService(Db db) {
        this.db = db;
    }

    public Future<AgreementView> agreement(Principal p, long projectId, AgreementRequest q) {
        long t0 = System.nanoTime();
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            q.filter().labelIn(space);
            AnswerSet loaded = AnswerLoader.load(tx, projectId, space, q.filter(), false);
            java.util.List<Long> ids = new java.util.ArrayList<>();
            for (int u = 0; u < loaded.nAnnotators(); u++) {
                ids.add(loaded.userId(u));
            }
            java.util.Map<Long, String> external = new java.util.HashMap<>();
            tx.select(dev.kappa.db.Tables.USERS.ID, dev.kappa.db.Tables.USERS.EXTERNAL_ID).from(dev.kappa.db.Tables.USERS)
                    .where(dev.kappa.db.Tables.USERS.ID.in(ids)).forEach(r -> external.put(r.value1(), r.value2()));
            return new Loaded(loaded, external);
        }).compose(l -> db.blocking(() -> {
            AnswerSet set = l.set();
            long t1 = System.nanoTime();
            AgreementView out = report(projectId, set, q, l.external());
            LOG.info(() -> String.format("agreement of project %d: %,d answers read in %d ms, statistics in %d ms", projectId,
                    set.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
            return out;
        }));
    }

    private record Loaded(AnswerSet set, java.util.Map<Long, String> external) {
    }

    static int defaultResamples(int answers) {
        long n = answers <= 0 ? MAX_DEFAULT_RESAMPLES : Math.min(MAX_DEFAULT_RESAMPLES, RESAMPLE_BUDGET / answers);
        return n < MIN_DEFAULT_RESAMPLES ? 0 : (int) (n / 100 * 100);
    }

    /** Why a coefficient has no interval when no resamples were drawn. */
    static String noResamplesReason(AgreementRequest q, int answers) {
        if (q.resamples() != null) {
            return "no bootstrap asked (resamples=0)";
        }
        return String.format("no bootstrap by default above %,d answers (%,d here): ask for it with resamples=100 or more,"
                + " about %d s per 100 resamples", RESAMPLE_BUDGET / MIN_DEFAULT_RESAMPLES, answers,
                Math.max(1, answers / 10_000));
    }

    /** Each Cohen pair names its annotators by internal id; their external worker ids ({@code external}) go beside them (issue 14). */
    static AgreementView report(long projectId, AnswerSet set, AgreementRequest q, java.util.Map<Long, String> external) {
        int resamples = q.resamples() != null ? q.resamples() : defaultResamples(set.size());
        int label = q.filter().labelIn(set.space());
        int pairable = 0;
        int[] perItem = new int[set.nItems()];
        for (int a = 0; a < set.size(); a++) {
            if (++perItem[set.item(a)] == 2) {
                pairable++;
            }
        }
        return new AgreementView(projectId, set.space().kind(), set.nItems(), pairable, set.size(), set.nAnnotators(),
                set.ignored(), q.filter().shown(), new AgreementView.Bootstrap(resamples, q.seed(), q.level(), q.resamples() == null),
                new AgreementReport(set, q, resamples, noResamplesReason(q, set.size()), external).build(label));
    }
}
