package dev.kappa.hardness;

import dev.kappa.sql.Db;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps hardness scores and queue priorities current without work on the request path: writes only leave a dirty
 * mark (V050 triggers), and every server process checks for marked projects on a timer. A project is taken up when
 * its last recompute is older than the interval and than twice its duration, so a large, busy project is rescored
 * at a bounded duty cycle; the advisory lock in {@link Recompute} keeps two processes off the same project.
 */
public final class HardnessScheduler {
    private static final Logger LOG = Logger.getLogger(HardnessScheduler.class.getName());

    private final Db db;
    private final Recompute recompute;
    private final long intervalMs;
    /** Only this process' own ticks must not overlap; nothing here is needed by another process. */
    private final AtomicBoolean running = new AtomicBoolean();

    private HardnessScheduler(Db db, long intervalMs) {
        this.db = db;
        this.recompute = new Recompute(db.dsl());
        this.intervalMs = intervalMs;
    }

    /** Starts the timer; an interval of 0 turns background scoring off (the recompute endpoint still works). */
    public static void start(Vertx vertx, Db db, long intervalMs) {
        if (intervalMs <= 0) {
            return;
        }
        HardnessScheduler s = new HardnessScheduler(db, intervalMs);
        vertx.setPeriodic(intervalMs, id -> s.tick());
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        db.blocking(() -> {
            runDue();
            return null;
        }).onComplete(ar -> {
            running.set(false);
            if (ar.failed()) {
                LOG.log(Level.WARNING, "hardness recompute failed", ar.cause());
            }
        });
    }

    private void runDue() {
        List<Long> due = RecomputeRepository.due(db.dsl(), intervalMs);
        for (long projectId : due) {
            recompute.run(projectId, false);
        }
    }
}
