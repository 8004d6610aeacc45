package dev.kappa.hardness;

import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.db.tables.records.HardnessSettingsRecord;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.List;

import static dev.kappa.db.Tables.HARDNESS_MARKS;
import static dev.kappa.db.Tables.HARDNESS_SETTINGS;
import static dev.kappa.db.Tables.MODEL_RUNS;

/** SQL for hardness settings, the project's model runs, and the dirty marks the recompute consumes. */
public final class SettingsRepository {
    private SettingsRepository() {
    }

    public static HardnessSettings find(DSLContext tx, long projectId) {
        HardnessSettingsRecord r = tx.selectFrom(HARDNESS_SETTINGS).where(HARDNESS_SETTINGS.PROJECT_ID.eq(projectId)).fetchOne();
        if (r == null) {
            return HardnessSettings.DEFAULT;
        }
        return new HardnessSettings(Strategy.of(r.getStrategy()), r.getRunId(), Uncertainty.of(r.getUncertainty()),
                Signals.Human.of(r.getHumanDisagreement()), ConsensusMethod.of(r.getConsensusMethod()),
                HardnessSettings.Reference.of(r.getReference()),
                new Weights(r.getWUncertainty(), r.getWModelDisagreement(), r.getWHumanDisagreement(),
                        r.getWClassWeakness(), r.getWGoldConflict()), r.getRandomSeed());
    }

    /** Saves the settings and marks the project dirty in the same transaction, so the queue follows them. */
    public static void save(DSLContext tx, long projectId, HardnessSettings s) {
        HardnessSettingsRecord r = tx.newRecord(HARDNESS_SETTINGS);
        r.setProjectId(projectId);
        r.setStrategy(s.strategy().key());
        r.setRunId(s.runId());
        r.setUncertainty(s.uncertainty().key());
        r.setHumanDisagreement(s.human().key());
        r.setConsensusMethod(s.consensusMethod().key());
        r.setReference(s.reference().key());
        r.setWUncertainty(s.weights().uncertainty());
        r.setWModelDisagreement(s.weights().modelDisagreement());
        r.setWHumanDisagreement(s.weights().humanDisagreement());
        r.setWClassWeakness(s.weights().classWeakness());
        r.setWGoldConflict(s.weights().goldConflict());
        r.setRandomSeed(s.randomSeed());
        r.setUpdatedAt(OffsetDateTime.now());
        tx.insertInto(HARDNESS_SETTINGS).set(r).onConflict(HARDNESS_SETTINGS.PROJECT_ID).doUpdate().set(r).execute();
        markDirty(tx, projectId);
    }

    public static void markDirty(DSLContext tx, long projectId) {
        tx.insertInto(HARDNESS_MARKS).set(HARDNESS_MARKS.PROJECT_ID, projectId).onConflictDoNothing().execute();
    }

    /** The project's model runs, oldest first; the last is the newest. */
    public static List<Long> runs(DSLContext tx, long projectId) {
        return tx.select(MODEL_RUNS.ID).from(MODEL_RUNS).where(MODEL_RUNS.PROJECT_ID.eq(projectId))
                .orderBy(MODEL_RUNS.CREATED_AT, MODEL_RUNS.ID).fetch(MODEL_RUNS.ID);
    }

    /** The run the queue follows: the chosen one if it still exists, else the newest, else null. */
    public static Long followed(HardnessSettings s, List<Long> runs) {
        if (s.runId() != null && runs.contains(s.runId())) {
            return s.runId();
        }
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    public static boolean dirty(DSLContext tx, long projectId) {
        return tx.fetchExists(HARDNESS_MARKS, HARDNESS_MARKS.PROJECT_ID.eq(projectId));
    }
}
