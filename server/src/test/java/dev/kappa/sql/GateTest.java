package dev.kappa.sql;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName("never more than the limit at once, with tasks added from many threads; every task runs")
    void limitsConcurrency() throws Exception {
        Gate gate = new Gate(3);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<Integer>> all = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    int id = base + i;
                    all.add(gate.run(() -> {
                        most.accumulateAndGet(now.incrementAndGet(), Math::max);
                        Promise<Integer> p = Promise.promise();
                        // Finish later on another thread, as a database call does.
                        vertx.setTimer(1 + id % 3, x -> {
                            now.decrementAndGet();
                            p.complete(id);
                        });
                        return p.future();
                    }));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        Future.all(new ArrayList<>(all)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(400, all.size());
        assertEquals(3, most.get(), "the gate let more tasks run at once than its limit, or never reached it");
        assertEquals(0, gate.running());
    }

    @Test
    @DisplayName("a task that fails, or throws before it starts, gives its place back")
    void failuresRelease() throws Exception {
        Gate gate = new Gate(1);
        Future<Object> failed = gate.run(() -> Future.failedFuture(new IllegalStateException("no")));
        Future<Object> thrown = gate.run(() -> {
            throw new IllegalStateException("thrown");
        });
        Future<String> after = gate.run(() -> Future.succeededFuture("ran"));
        assertEquals("ran", after.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(failed.failed());
        assertTrue(thrown.failed());
        assertEquals(0, gate.running());
    }
}
