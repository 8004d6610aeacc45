package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.project.EvaluationPolicyRepository;
import dev.kappa.auth.Principal;
import dev.kappa.baseline.Baseline;
import dev.kappa.baseline.BaselineRequest;
import dev.kappa.baseline.BaselineService;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

/** A project's evaluation policy, and the leaderboard it ranks. */
public final class PolicyService {
    private final Db db;
    private final BaselineService baselines;

    public PolicyService(Db db, BaselineService baselines) {
        this.db = db;
        this.baselines = baselines;
    }

    public Future<EvaluationPolicy> get(Principal p, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return EvaluationPolicyRepository.find(tx, projectId).orElse(EvaluationPolicy.DEFAULT);
        });
    }

    public Future<EvaluationPolicy> put(Principal p, long projectId, EvaluationPolicy policy) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            EvaluationPolicyRepository.save(tx, projectId, policy);
            return policy;
        });
    }

    /** The leaderboard's ingredients: the policy, and the baseline against the policy's reference unless one is asked. */
    public record Ranking(EvaluationPolicy policy, Baseline baseline, Leaderboard.Result result) {
    }

    public Future<Ranking> leaderboard(Principal p, long projectId, BaselineRequest q) {
        return get(p, projectId).compose(policy -> {
            BaselineRequest withReference = new BaselineRequest(q.reference() != null ? q.reference() : policy.reference(),
                    q.resamples(), q.seed(), q.minItems(), q.format(), q.table());
            return baselines.baseline(p, projectId, withReference)
                    .map(b -> new Ranking(policy, b, Leaderboard.rank(LeaderboardEntries.of(b), policy)));
        });
    }
}
