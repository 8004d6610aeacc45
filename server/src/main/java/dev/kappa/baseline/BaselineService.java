package dev.kappa.baseline;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.Gold;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.policy.EvaluationPolicy;
import dev.kappa.policy.PolicyRepository;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import dev.kappa.stats.Ratings;
import io.vertx.core.Future;
import org.jooq.DSLContext;

import java.util.List;
import java.util.logging.Logger;

/**
 * Baselines of a project. Answers, gold and predictions are read in one transaction, which then ends; the maths runs
 * afterwards on the worker pool (its bootstrap on every core) without holding a connection.
 */
public final class BaselineService {
    private static final Logger LOG = Logger.getLogger(BaselineService.class.getName());

    private final Db db;

    public BaselineService(Db db) {
        this.db = db;
    }

    /** What the transaction reads. */
    private record Loaded(ProjectsRecord project, String reference, AnswerSet answers, int[] gold, List<ModelRun> runs,
                          int[][] predictions) {
    }

    public Future<Baseline> baseline(Principal p, long projectId, BaselineRequest q) {
        long t0 = System.nanoTime();
        return db.tx(tx -> load(tx, p, projectId, q.reference())).compose(l -> db.blocking(() -> {
            long t1 = System.nanoTime();
            Baseline b = compute(l, q);
            LOG.info(() -> String.format("baseline of project %d against %s: %,d answers and %d runs read in %d ms, "
                    + "report with %d resamples in %d ms", projectId, l.reference(), l.answers().size(), l.runs().size(),
                    (t1 - t0) / 1_000_000, q.resamples(), (System.nanoTime() - t1) / 1_000_000));
            return b;
        }));
    }

    /** The reference used when a request names none: the evaluation policy's. */
    static String reference(DSLContext tx, long projectId, String asked) {
        return asked != null ? asked : PolicyRepository.find(tx, projectId).map(EvaluationPolicy::reference).orElse("gold");
    }

    private static Loaded load(DSLContext tx, Principal p, long projectId, String asked) {
        ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
        LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
        if (space.multi()) {
            throw Problems.invalid("schema", "baselines need a single or rating schema; a multi-label project's "
                    + "agreement per label is at /agreement");
        }
        AnswerSet answers = AnswerLoader.load(tx, projectId, space, AnswerFilter.ALL, true);
        int[] gold = Gold.load(tx, projectId, answers).classes();
        List<ModelRun> runs = BaselineRepository.runs(tx, projectId);
        return new Loaded(project, reference(tx, projectId, asked), answers, gold, runs,
                BaselineRepository.predictions(tx, projectId, runs, answers));
    }

    private static Baseline compute(Loaded l, BaselineRequest q) {
        AnswerSet set = l.answers();
        BaselineData data = data(set, l.gold(), l.predictions());
        BaselineOptions o = new BaselineOptions(q.resamples(), q.seed(), 0.95, q.minItems(), BaselineOptions.MAX_K,
                l.project().getHourlyRateCrowd(), l.project().getHourlyRateExpert(), true);
        BaselineReport report = BaselineMath.compute(data, BaselineMath.reference(l.reference(), data), o);
        return new Baseline(l.project().getId(), set.space(), l.runs(), set.size(), set.ignored(),
                l.project().getHourlyRateCrowd(), l.project().getHourlyRateExpert(), report);
    }

    static BaselineData data(AnswerSet set, int[] gold, int[][] predictions) {
        int n = set.size();
        Ratings r = set.ratings();
        int[] item = new int[n];
        int[] user = new int[n];
        boolean[] expert = new boolean[n];
        int[] label = new int[n];
        int[] ms = new int[n];
        for (int a = 0; a < n; a++) {
            item[a] = set.item(a);
            user[a] = set.user(a);
            expert[a] = set.expert(a);
            label[a] = r.label(a);
            ms[a] = set.durationMs(a);
        }
        return new BaselineData(set.nItems(), set.nAnnotators(), set.space().size(), item, user, expert, label, ms,
                gold, predictions);
    }
}
