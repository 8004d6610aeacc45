package dev.kappa.quality;

import dev.kappa.project.QualityPolicy;
import dev.kappa.project.QualityPolicyRepository;
import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.Gold;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kappa.analysis.AnswerFilter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.kappa.db.Tables.USERS;

/** Annotator quality reports, and the project's quality policy with its automatic pauses. */
public final class QualityService {
    /** The quality report: what was compared, under which policy, and each annotator's scores. */
    public record Report(long projectId, String kind, List<String> labels, String consensusMethod, AnswerFilter.Shown filters,
                         QualityPolicy.Shown policy, int goldItems, List<QualityReport.Annotator> annotators) {
    }

    /** A saved policy and who it paused at once. */
    public record Applied(@JsonUnwrapped QualityPolicy.Shown policy, List<AutoPause.Paused> paused) {
    }

    private record Loaded(LabelSpace space, QualityPolicy policy, double[] weights, AnswerSet answers, Gold gold,
                          Map<Long, QualityReport.Person> people) {
    }

    private final Db db;

    public QualityService(Db db) {
        this.db = db;
    }

    public Future<Report> report(Principal p, long projectId, ConsensusRequest q) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            QualityPolicy policy = QualityPolicyRepository.find(tx, projectId);
            double[] weights = policy.tierWeights(q.crowdWeight(), q.expertWeight());
            AnswerSet answers = AnswerLoader.load(tx, projectId, space, q.filter(), true);
            Map<Long, QualityReport.Person> people = new HashMap<>();
            long[] ids = new long[answers.nAnnotators()];
            Arrays.setAll(ids, answers::userId);
            tx.select(USERS.ID, USERS.DISPLAY_NAME, USERS.TIER, USERS.STATUS, USERS.EXTERNAL_ID).from(USERS)
                    .where(USERS.ID.in(Arrays.stream(ids).boxed().toList()))
                    .forEach(r -> people.put(r.value1(), new QualityReport.Person(r.value2(), r.value3(), r.value4(), r.value5())));
            return new Loaded(space, policy, weights, answers, Gold.load(tx, projectId, answers), people);
        }).compose(l -> db.blocking(() -> {
            ItemConsensus consensus = ItemConsensus.compute(l.answers(), q.method(), l.weights(), q.tolerance(), q.maxIterations());
            return new Report(projectId, l.space().kind(), l.space().keys(), q.method().key(), q.filter().shown(),
                    l.policy().shown(), l.gold().count(),
                    new QualityReport(l.answers(), l.gold(), consensus, l.policy()).annotators(l.people()));
        }));
    }

    public Future<QualityPolicy.Shown> policy(Principal p, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return QualityPolicyRepository.find(tx, projectId).shown();
        });
    }

    /** Saves the policy and applies it at once: the answer lists who was paused now. */
    public Future<Applied> setPolicy(Principal p, long projectId, QualityPolicy policy) {
        return db.tx(tx -> {
            ProjectAccess.requireManagerForWrite(tx, p, projectId);
            QualityPolicyRepository.save(tx, projectId, policy);
            return new Applied(policy.shown(), AutoPause.enforce(tx, projectId, policy));
        });
    }

    /** {@link #sweep} on the worker pool. */
    public Future<List<AutoPause.Paused>> sweepAsync() {
        return db.blocking(this::sweep);
    }

    /** Applies every auto-pausing policy; each project in its own transaction. */
    public List<AutoPause.Paused> sweep() {
        List<Long> projects = db.inTx(AutoPause::projects);
        List<AutoPause.Paused> out = new java.util.ArrayList<>();
        for (long project : projects) {
            out.addAll(db.inTx(tx -> AutoPause.enforce(tx, project, QualityPolicyRepository.find(tx, project))));
        }
        return out;
    }
}
