package dev.kappa.sql;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.jooq.DSLContext;

/**
 * The one door to the database. Every blocking JDBC call runs on a named worker pool sized to the connection pool,
 * with {@code ordered=false}: the default ordered mode would serialise every request handled by one verticle.
 * Each call is one transaction, so a request either writes everything or nothing.
 */
public final class Db {
    /** Work done inside one transaction; use only the {@code tx} context given, never an outer one. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DSLContext tx) throws Exception;
    }

    /** What {@link #afterCommit} registered during the transaction running on this thread. */
    private static final ThreadLocal<java.util.List<Runnable>> COMMITTED = new ThreadLocal<>();

    private final DSLContext dsl;
    private final WorkerExecutor workers;

    public Db(DSLContext dsl, WorkerExecutor workers) {
        this.dsl = dsl;
        this.workers = workers;
    }

    public <T> Future<T> tx(Work<T> work) {
        return workers.executeBlocking(() -> inTx(work), false);
    }

    /**
     * One autocommit statement (or a few independent ones) with no transaction around them: saves the BEGIN/COMMIT
     * round trips on reads that run on every request, such as resolving the caller's token.
     */
    public <T> Future<T> read(Work<T> work) {
        return workers.executeBlocking(() -> work.run(dsl), false);
    }

    /** Runs on the caller's thread; for code that is already off the event loop (startup, streaming imports). */
    public <T> T inTx(Work<T> work) {
        java.util.List<Runnable> outer = COMMITTED.get();
        java.util.List<Runnable> committed = new java.util.ArrayList<>(2);
        COMMITTED.set(committed);
        T result;
        try {
            result = dsl.transactionResult(c -> work.run(c.dsl()));
        } finally {
            COMMITTED.set(outer);
        }
        committed.forEach(Runnable::run);
        return result;
    }

    /**
     * Runs {@code r} once the transaction running on this thread has committed, never if it rolls back; at once when
     * no transaction runs. For counters (dev.kappa.metrics), which must not count what a rollback undid.
     */
    public static void afterCommit(Runnable r) {
        java.util.List<Runnable> pending = COMMITTED.get();
        if (pending == null) {
            r.run();
        } else {
            pending.add(r);
        }
    }

    /** Runs arbitrary blocking code (for example a streamed export holding one connection) on the same pool. */
    public <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    public DSLContext dsl() {
        return dsl;
    }
}
