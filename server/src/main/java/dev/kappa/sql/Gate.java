package dev.kappa.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} of its tasks run at once in this process; the others wait their turn in arrival order,
 * without holding a thread or a connection while they wait. Used to keep one kind of request from taking every
 * database connection of the process, so that another kind never queues behind it.
 */
public final class Gate {
    /** Tasks waiting in every gate of this process, for the kappa_gate_waiting gauge (dev.kappa.metrics). */
    private static final AtomicInteger WAITING = new AtomicInteger();

    private final int limit;
    private final AtomicInteger running = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    public Gate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    public <T> Future<T> run(Supplier<Future<T>> task) {
        Promise<T> done = Promise.promise();
        // A task may be started by another request's completion, on another event loop: it still runs on its own
        // request's context, so that its callbacks (and its log lines' request id) stay with that request.
        Context caller = Vertx.currentContext();
        WAITING.incrementAndGet();
        waiting.add(() -> {
            WAITING.decrementAndGet();
            if (caller != null && caller != Vertx.currentContext()) {
                caller.runOnContext(v -> start(task, done));
            } else {
                start(task, done);
            }
        });
        drain();
        return done.future();
    }

    private <T> void start(Supplier<Future<T>> task, Promise<T> done) {
        Future<T> f;
        try {
            f = task.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(r -> {
            running.decrementAndGet();
            drain();
            done.handle(r);
        });
    }

    /** Starts waiting tasks while fewer than the limit run; re-checks after each race so no task is left behind. */
    private void drain() {
        while (!waiting.isEmpty()) {
            int n = running.get();
            if (n >= limit) {
                return;
            }
            if (!running.compareAndSet(n, n + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
            } else {
                next.run();
            }
        }
    }

    /** Tasks waiting for their turn in all gates of this process. */
    public static int waitingInProcess() {
        return WAITING.get();
    }

    /** Tasks running now; for tests. */
    int running() {
        return running.get();
    }
}
