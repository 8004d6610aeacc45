package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.HardnessStateRecord;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jooq.DSLContext;

import java.util.function.UnaryOperator;

import java.time.Instant;

import static dev.kappa.db.Tables.HARDNESS_STATE;
import static dev.kappa.db.Tables.MODEL_RUNS;

/** A project's hard-case settings, and the explicit recompute for scripts and tests. */
public final class HardnessService {
    /** Tries before the recompute endpoint gives up when a lock wait keeps giving way to annotators' requests. */
    static final int RECOMPUTE_TRIES = 20;

    private final Db db;
    private final Recompute recompute;

    public HardnessService(Db db) {
        this.db = db;
        this.recompute = new Recompute(db.dsl());
    }

    public Future<SettingsView> settings(Principal p, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return view(tx, projectId);
        });
    }

    /** Applies {@code change} to the current settings; the queue follows at the next recompute. */
    public Future<SettingsView> update(Principal p, long projectId, UnaryOperator<HardnessSettings> change) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            HardnessSettings s = change.apply(SettingsRepository.find(tx, projectId));
            if (s.runId() != null && !tx.fetchExists(MODEL_RUNS, MODEL_RUNS.PROJECT_ID.eq(projectId), MODEL_RUNS.ID.eq(s.runId()))) {
                throw Problems.invalid("run_id", "is not a model run of project " + projectId);
            }
            if (s.strategy().followsRun() && !ProjectInputs.supported(LabelSpace.ofSchema(project.getSchema().data()))) {
                throw Problems.invalid("strategy", "uncertainty and hardness need a single or rating schema; this project's is multi");
            }
            SettingsRepository.save(tx, projectId, s);
            return view(tx, projectId);
        });
    }

    /** Recomputes now, waiting for a background recompute of the project to finish first. */
    public Future<Recompute.Summary> recompute(Principal p, long projectId) {
        return db.tx(tx -> ProjectAccess.requireManager(tx, p, projectId)).compose(x -> db.blocking(() -> {
            Recompute.Summary s = recompute.run(projectId, true);
            for (int i = 1; i < RECOMPUTE_TRIES && !s.done(); i++) {
                Thread.sleep(50L * i);
                s = recompute.run(projectId, true);
            }
            if (!s.done()) {
                throw Problems.unavailable("the queue stayed too busy to write priorities; try again");
            }
            return s;
        }));
    }

    /** The settings, the run the queue follows now, and when the scores were last computed (null: never). */
    public record SettingsView(@JsonUnwrapped HardnessSettings.Shown settings, Long followedRunId, Instant computedAt,
                               Integer durationMs, boolean pending) {
    }

    private static SettingsView view(DSLContext tx, long projectId) {
        HardnessSettings s = SettingsRepository.find(tx, projectId);
        HardnessStateRecord state = tx.selectFrom(HARDNESS_STATE).where(HARDNESS_STATE.PROJECT_ID.eq(projectId)).fetchOne();
        return new SettingsView(s.shown(), SettingsRepository.followed(s, SettingsRepository.runs(tx, projectId)),
                state == null ? null : state.getComputedAt().toInstant(), state == null ? null : state.getDurationMs(),
                SettingsRepository.dirty(tx, projectId));
    }
}
