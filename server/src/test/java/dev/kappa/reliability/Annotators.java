package dev.kappa.reliability;

import dev.kappa.support.Http;
import io.vertx.core.json.JsonObject;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Annotator threads that label through whichever server processes are up, the way the labeling screen's outbox does:
 * a request that fails (connection refused or cut, or 503) is sent again, to another process if there is one, with
 * the same lease, until it gets an answer. Records every acknowledged answer id and every unexpected response.
 */
final class Annotators {
    final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicInteger connectionFailures = new AtomicInteger();
    /** Answers refused with 409 after their lease's expiry: the documented outcome once another annotator took the slot. */
    final AtomicInteger expiredBeforeAnswer = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new java.util.ArrayList<>();

    /** Starts one thread per token; ports() names the processes to use, read afresh for every request. */
    Annotators start(List<String> tokens, long project, IntSupplier port) {
        for (String token : tokens) {
            Thread t = new Thread(() -> run(token, project, port), "annotator");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return this;
    }

    void stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    private Http.Response send(String token, IntSupplier port, String path, JsonObject body) {
        while (!stop.get()) {
            try {
                Http.Response r = new Http(port.getAsInt()).bearer(token).post(path, body);
                statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                if (r.status() == 503) {
                    if (!"application/problem+json".equals(r.header("Content-Type")) || r.header("Retry-After") == null) {
                        unexpected.add("503 without problem+json and Retry-After: " + r);
                    }
                    pause(100);
                    continue;
                }
                if (r.status() >= 500) {
                    unexpected.add(path + " -> " + r);
                    pause(100);
                    continue;
                }
                return r;
            } catch (UncheckedIOException | IllegalStateException e) {
                connectionFailures.incrementAndGet(); // the process is gone: the next try may pick another one
                pause(50);
            }
        }
        return null;
    }

    private void run(String token, long project, IntSupplier port) {
        while (!stop.get()) {
            Http.Response next = send(token, port, "/api/projects/" + project + "/tasks/next", new JsonObject());
            if (next == null) {
                return;
            }
            if (next.status() == 204) {
                pause(200); // nothing free now; slots held by leases lost with a killed process come back at expiry
                continue;
            }
            if (next.status() != 200) {
                unexpected.add("next -> " + next);
                pause(200);
                continue;
            }
            String lease = next.json().getString("lease_id");
            java.time.Instant expires = java.time.Instant.parse(next.json().getString("expires_at"));
            JsonObject answer = new JsonObject().put("label", ThreadLocalRandom.current().nextBoolean() ? "pos" : "neg").put("duration_ms", 10);
            Http.Response r = send(token, port, "/api/leases/" + lease + "/answer", answer);
            if (r == null) {
                return;
            }
            if (r.status() == 201 || r.status() == 200) {
                acknowledged.add(r.json().getLong("answer_id"));
            } else if (r.status() == 409 && java.time.Instant.now().isAfter(expires) && "lease".equals(r.json().getString("field"))) {
                // The outage (or the retries through it) outlasted the lease and the slot went to someone else: the
                // answer was never acknowledged, and the annotator is told to take the next task.
                expiredBeforeAnswer.incrementAndGet();
            } else {
                unexpected.add("answer -> " + r);
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
