package dev.kappa.hardness;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Scores one project: reads its inputs in one snapshot, writes every run's hard-case rows and class report, writes
 * the queue priorities of its strategy, then consumes the dirty marks that snapshot saw. Works on one pooled
 * connection holding a session advisory lock on the project, so across all server processes one recompute at most
 * runs per project; nothing is kept in memory between runs.
 */
public final class Recompute {
    private static final Logger LOG = Logger.getLogger(Recompute.class.getName());

    /** What a run did; {@code done} false when it was skipped (locked) or must be retried (a lock wait gave up). */
    public record Summary(long projectId, boolean done, String strategy, Long followedRunId, int items, int runs,
                          int rowsWritten, int rowsDeleted, int prioritiesChanged, long ms,
                          @com.fasterxml.jackson.annotation.JsonProperty("phases_ms") Phases phases) {

        static Summary skipped(long projectId) {
            return new Summary(projectId, false, null, null, 0, 0, 0, 0, 0, 0, Phases.NONE);
        }
    }

    /** Where a recompute's time went, in ms: reading inputs, scoring and writing the followed run, priorities, the rest. */
    public record Phases(long read, long followedRun, long priorities, long otherRuns) {
        static final Phases NONE = new Phases(0, 0, 0, 0);
    }

    private final DSLContext pool;

    public Recompute(DSLContext pool) {
        this.pool = pool;
    }

    /** Blocking. {@code wait}: wait for another process' recompute of the project instead of skipping it. */
    public Summary run(long projectId, boolean wait) {
        return pool.connectionResult(conn -> {
            DSLContext c = DSL.using(conn, SQLDialect.POSTGRES);
            if (wait) {
                RecomputeRepository.lock(c, projectId);
            } else if (!RecomputeRepository.tryLock(c, projectId)) {
                return Summary.skipped(projectId);
            }
            try {
                return compute(c, projectId);
            } catch (DataAccessException e) {
                if (gaveWay(e)) {
                    LOG.fine(() -> "hardness of project " + projectId + " gave way to a lock; retried next round");
                    return Summary.skipped(projectId);
                }
                throw e;
            } finally {
                RecomputeRepository.unlock(c, projectId);
            }
        });
    }

    /** lock_timeout (55P03) or statement_timeout (57014) of the priority writer: retry on the next round. */
    private static boolean gaveWay(DataAccessException e) {
        String state = e.sqlState();
        return "55P03".equals(state) || "57014".equals(state);
    }

    private Summary compute(DSLContext c, long projectId) {
        long t0 = System.nanoTime();
        ProjectInputs in = c.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            RecomputeRepository.repeatableReadOnly(tx);
            return ProjectInputs.load(tx, projectId);
        });
        HardCaseWriter.TxRunner runner = work -> c.transactionResult(cfg -> work.apply(cfg.dsl()));
        if (in == null) {
            runner.run(tx -> RecomputeRepository.dropMarks(tx, projectId));
            return new Summary(projectId, true, null, null, 0, 0, 0, 0, 0, ms(t0), Phases.NONE);
        }
        long tRead = System.nanoTime();
        HardnessSettings s = in.settings;
        Long followed = SettingsRepository.followed(s, in.runs);
        boolean supported = ProjectInputs.supported(in.space);
        int written = 0;
        int deleted = 0;
        Hardness.Result queue = null;
        // The followed run first and the priorities right after it: older runs add to the recompute's duration but
        // never delay the queue.
        if (supported && followed != null) {
            RunScores r = RunScores.score(c, runner, in, followed);
            written += r.written();
            deleted += r.deleted();
            queue = r.result();
        } else if (supported && s.strategy().followsRun()) {
            queue = RunScores.withoutModel(in);
        }
        long tFollowed = System.nanoTime();
        double[] wanted = s.strategy().followsRun() && queue == null ? new double[in.size()]
                : s.strategy().priorities(in.itemIds, s.randomSeed(), queue);
        int moved = PriorityWriter.write(runner, projectId, in.itemIds, in.priority, wanted);
        long tPriorities = System.nanoTime();
        for (long runId : supported ? in.runs : java.util.List.<Long>of()) {
            if (followed == null || runId != followed) {
                RunScores r = RunScores.score(c, runner, in, runId);
                written += r.written();
                deleted += r.deleted();
            }
        }
        long ms = ms(t0);
        Phases phases = new Phases((tRead - t0) / 1_000_000, (tFollowed - tRead) / 1_000_000,
                (tPriorities - tFollowed) / 1_000_000, ms(tPriorities));
        runner.run(tx -> {
            RecomputeRepository.consumeMarks(tx, projectId, in.snapshot);
            int durationMs = (int) Math.min(Integer.MAX_VALUE, ms);
            return RecomputeRepository.saveState(tx, projectId, durationMs, s.reference().key());
        });
        dev.kappa.metrics.Metrics.recomputed(ms);
        return new Summary(projectId, true, s.strategy().key(), followed, in.size(), supported ? in.runs.size() : 0,
                written, deleted, moved, ms, phases);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static int[] positions(boolean[] keep) {
        int[] out = new int[keep.length];
        int n = 0;
        for (int p = 0; p < keep.length; p++) {
            if (keep[p]) {
                out[n++] = p;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
