package dev.kappa.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** With several event loops, a task that waited runs on its own request's context, not on the one that freed its turn. */
class GateContextTest {
    @Test
    @org.junit.jupiter.api.Timeout(30)
    @DisplayName("a waiting task started by another event loop's completion runs on the context it was queued from")
    void waitingTaskRunsOnItsOwnContext() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            Gate gate = new Gate(1);
            // Two contexts on two different event loops (new event-loop contexts take the loops in turn).
            VertxInternal internal = (VertxInternal) vertx;
            Context first = internal.createEventLoopContext();
            Context second = internal.createEventLoopContext();
            for (int i = 0; i < 4 && sameLoop(first, second); i++) {
                second = internal.createEventLoopContext();
            }
            assertFalse(sameLoop(first, second), "two event loops");
            Promise<String> holding = Promise.promise();
            CompletableFuture<Context> ranOn = new CompletableFuture<>();
            CompletableFuture<Context> doneOn = new CompletableFuture<>();
            first.runOnContext(v -> gate.run(() -> holding.future()));
            Thread.sleep(100);
            second.runOnContext(v -> gate.run(() -> {
                ranOn.complete(Vertx.currentContext());
                return Future.succeededFuture("second");
            }).onComplete(r -> doneOn.complete(Vertx.currentContext())));
            Thread.sleep(100);
            assertEquals(1, Gate.waitingInProcess(), "the second task waits while the first holds the only turn");
            first.runOnContext(v -> holding.complete("first")); // frees the turn on the first event loop
            assertEquals(second, ranOn.get(5, TimeUnit.SECONDS));
            assertEquals(second, doneOn.get(5, TimeUnit.SECONDS));
            assertEquals(0, Gate.waitingInProcess());
            assertNotSame(first, second);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static boolean sameLoop(Context a, Context b) {
        return ((io.vertx.core.internal.ContextInternal) a).nettyEventLoop() == ((io.vertx.core.internal.ContextInternal) b).nettyEventLoop();
    }
}
