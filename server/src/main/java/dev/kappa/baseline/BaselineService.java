package dev.kappa.baseline;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.Gold;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.analysis.Memo;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.EvaluationPolicy;
import dev.kappa.project.EvaluationPolicyRepository;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import dev.kappa.stats.Ratings;
import io.vertx.core.Future;
import org.jooq.DSLContext;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
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

    /** What the answers' transaction reads. */
    private record Loaded(ProjectsRecord project, String reference, AnswerSet answers, int[] gold) {
    }

    /**
     * Answers (with gold) and predictions are read in two transactions at once, one PostgreSQL backend each, since
     * both are large; a prediction upload landing between them is seen or not, as with any read of a moving project.
     */
    public Future<Baseline> baseline(Principal p, long projectId, BaselineRequest q) {
        long t0 = System.nanoTime();
        Future<Loaded> answers = db.tx(tx -> load(tx, p, projectId, q.reference()));
        Future<BaselineRepository.Predictions> predictions = db.tx(tx -> BaselineRepository.predictions(tx, projectId,
                space(ProjectAccess.requireManager(tx, p, projectId))));
        return Future.all(answers, predictions).compose(both -> db.blocking(() -> {
            long t1 = System.nanoTime();
            Loaded l = answers.result();
            Baseline b = RECENT.get(List.of(projectId, l.reference(), q.resamples(), q.seed(), q.minItems()),
                    inputs(l, predictions.result()), () -> compute(l, predictions.result(), q));
            LOG.info(() -> String.format("baseline of project %d against %s: %,d answers and %,d predictions of %d runs "
                    + "read in %d ms, report with %d resamples in %d ms", projectId, l.reference(), l.answers().size(),
                    predictions.result().size(), predictions.result().runs().size(), (t1 - t0) / 1_000_000,
                    q.resamples(), (System.nanoTime() - t1) / 1_000_000));
            return b;
        }));
    }

    /**
     * Baselines computed recently, by request, with what they were computed from (the leaderboard asks for the same
     * baseline as the baselines table, at the same moment). A remembered one is used again only for equal inputs: the
     * very same answer set (see AnswerLoader), gold, predictions and rates. The buffers compare contents.
     */
    private static final Memo<List<Object>, Baseline> RECENT = new Memo<>(8, b -> 1);

    private static List<Object> inputs(Loaded l, BaselineRepository.Predictions p) {
        return List.of(l.answers(), IntBuffer.wrap(l.gold()), p.runs(), IntBuffer.wrap(p.run(), 0, p.size()),
                LongBuffer.wrap(p.item(), 0, p.size()), IntBuffer.wrap(p.label(), 0, p.size()),
                String.valueOf(l.project().getHourlyRateCrowd()), String.valueOf(l.project().getHourlyRateExpert()));
    }

    /** The reference used when a request names none: the evaluation policy's. */
    static String reference(DSLContext tx, long projectId, String asked) {
        return asked != null ? asked : EvaluationPolicyRepository.find(tx, projectId).map(EvaluationPolicy::reference).orElse("gold");
    }

    private static LabelSpace space(ProjectsRecord project) {
        LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
        if (space.multi()) {
            throw Problems.invalid("schema", "baselines need a single or rating schema; a multi-label project's "
                    + "agreement per label is at /agreement");
        }
        return space;
    }

    private static Loaded load(DSLContext tx, Principal p, long projectId, String asked) {
        ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
        AnswerSet answers = AnswerLoader.load(tx, projectId, space(project), AnswerFilter.ALL, true);
        int[] gold = Gold.load(tx, projectId, answers).classes();
        return new Loaded(project, reference(tx, projectId, asked), answers, gold);
    }

    private static Baseline compute(Loaded l, BaselineRepository.Predictions predictions, BaselineRequest q) {
        AnswerSet set = l.answers();
        BaselineData data = data(set, l.gold(), predictions.byItem(set));
        BaselineOptions o = new BaselineOptions(q.resamples(), q.seed(), 0.95, q.minItems(), BaselineOptions.MAX_K,
                l.project().getHourlyRateCrowd(), l.project().getHourlyRateExpert(), true);
        BaselineReport report = BaselineMath.compute(data, BaselineMath.reference(l.reference(), data), o);
        return new Baseline(l.project().getId(), set.space(), predictions.runs(), set.size(), set.ignored(),
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
