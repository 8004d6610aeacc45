package dev.kappa.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The request id follows a request's code onto the worker thread of a blocking call and back (what Db relies on). */
class RequestIdContextTest {
    @Test
    @DisplayName("a request id set on a request's context is seen on the worker thread and in the callback, and by no other request")
    void followsTheRequestToItsWorkerThread() throws Exception {
        RequestId.init();
        Vertx vertx = Vertx.vertx();
        try {
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("request-id-test", 2);
            ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
            ContextInternal other = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
            RequestId.set(request, "rid-1");
            String[] seen = new String[3];
            request.runOnContext(v -> workers.executeBlocking(() -> {
                seen[0] = Thread.currentThread().getName() + " " + RequestId.current();
                return null;
            }, false).onComplete(r -> seen[1] = RequestId.current()));
            other.runOnContext(v -> seen[2] = String.valueOf(RequestId.current()));
            for (int i = 0; i < 100 && (seen[1] == null || seen[2] == null); i++) {
                Thread.sleep(20);
            }
            assertEquals("rid-1", seen[0].substring(seen[0].indexOf(' ') + 1), seen[0]);
            assertEquals(true, seen[0].startsWith("request-id-test"), seen[0]);
            assertEquals("rid-1", seen[1]);
            assertEquals("null", seen[2]);
            assertNull(RequestId.current(), "no request on the test's own thread");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
