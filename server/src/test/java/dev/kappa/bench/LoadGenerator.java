package dev.kappa.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for the assignment queue: N annotators, each looping next -> submit with no think time, against a
 * running server, for a fixed duration. Reports answers per second and p50/p99/p99.9 latency of next and of submit.
 * With {@code -Dkappa.bench.think=MIN:MAX} (milliseconds) each annotator thinks a uniformly drawn time between an item
 * and its answer, as a person does (the realistic crowd of bench/assignment/crowd.sh); think time is not counted in
 * either latency.
 * Usage: LoadGenerator BASE_URL PROJECT_ID SECONDS TOKEN_FILE [WARMUP_SECONDS, default 5] [ACK_FILE]
 * (one bearer token per line; N = number of lines). With ACK_FILE (the failover runs of bench/lb), a submit that
 * fails (no response, or 502/503/504) is sent again with the same lease, as the labeling screen's outbox does, and
 * the id of every acknowledged answer is written to ACK_FILE, to be checked against the database. Requests that start during the warm-up (all N annotators arriving
 * at once, the JIT still compiling) are not counted; SECONDS of measurement follow it.
 * <p>
 * Each annotator is a chain of asynchronous requests on one Vert.x event loop with its own keep-alive connection, not
 * a thread: a thread per annotator with a blocking client spent more CPU than the server it measured, on the same 2
 * cores. Bounded in time and count; talks only to the given (loopback) server.
 */
public final class LoadGenerator {
    private static final Pattern LEASE = Pattern.compile("\"lease_id\":\"([^\"]+)\"");
    private static final Pattern ANSWER_ID = Pattern.compile("\"answer_id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        long project = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        java.nio.file.Path ackFile = args.length > 5 ? java.nio.file.Path.of(args[5]) : null;
        List<String> tokens = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(tokens.size()));
        long t0 = System.nanoTime() + warmup * 1_000_000_000L;
        Load load = new Load(client, project, t0, t0 + seconds * 1_000_000_000L, tokens.size());
        load.retrySubmits = ackFile != null;
        String think = System.getProperty("kappa.bench.think");
        if (think != null) {
            String[] t = think.split(":");
            load.thinkMin = Long.parseLong(t[0]);
            load.thinkMax = Long.parseLong(t[1]);
        }
        for (String token : tokens) {
            load.annotator(token);
        }
        load.done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("(after a %d s warm-up that is not counted)%n", warmup);
        System.out.printf("annotators=%d seconds=%.1f answers=%d answers_per_second=%.0f errors=%d exhausted=%d%n",
                tokens.size(), elapsed, load.submit.count(), load.submit.count() / elapsed, load.errors.get(), load.empty.get());
        System.out.printf("next   p50=%.1fms p99=%.1fms p99.9=%.1fms n=%d%n", load.next.percentile(50), load.next.percentile(99),
                load.next.percentile(99.9), load.next.count());
        System.out.printf("submit p50=%.1fms p99=%.1fms p99.9=%.1fms n=%d%n", load.submit.percentile(50), load.submit.percentile(99),
                load.submit.percentile(99.9), load.submit.count());
        System.out.printf("think=%s submit_statuses=%s next_errors=%d%n", think == null ? "none" : think + " ms", load.statuses, load.nextErrors.get());
        if (ackFile != null) {
            java.nio.file.Files.write(ackFile, load.acknowledged.stream().map(String::valueOf).toList());
            System.out.printf("acknowledged=%d submit_retries=%d statuses=%s%n", load.acknowledged.size(), load.retries.get(), load.statuses);
        }
        vertx.close().await();
    }

    /** The annotators' loops and what they measured. */
    private static final class Load {
        final Recorder next = new Recorder();
        final Recorder submit = new Recorder();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger empty = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final java.util.Set<Long> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        boolean retrySubmits;
        long thinkMin;
        long thinkMax;
        final AtomicInteger nextErrors = new AtomicInteger();
        final CountDownLatch done;
        private final HttpClient client;
        private final long project;
        private final long measureFrom;
        private final long deadline;

        Load(HttpClient client, long project, long measureFrom, long deadline, int annotators) {
            this.measureFrom = measureFrom;
            this.client = client;
            this.project = project;
            this.deadline = deadline;
            this.done = new CountDownLatch(annotators);
        }

        /** One annotator: next, then submit, until the deadline or until no task is left for them. */
        void annotator(String token) {
            if (System.nanoTime() >= deadline) {
                done.countDown();
                return;
            }
            long a = System.nanoTime();
            post("/api/projects/" + project + "/tasks/next", token, "{}").onComplete(n -> {
                if (a >= measureFrom) {
                    next.add(System.nanoTime() - a);
                }
                if (n.failed()) {
                    errors.incrementAndGet();
                    nextErrors.incrementAndGet();
                    annotator(token);
                } else if (n.result().status == 204) {
                    empty.incrementAndGet();
                    done.countDown();
                } else if (n.result().status != 200) {
                    errors.incrementAndGet();
                    nextErrors.incrementAndGet();
                    annotator(token);
                } else {
                    Matcher m = LEASE.matcher(n.result().body);
                    m.find();
                    String lease = m.group(1);
                    if (thinkMax > 0) {
                        long ms = java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMin, thinkMax + 1);
                        vertxTimer(ms, () -> submit(token, lease, System.nanoTime(), 0));
                    } else {
                        submit(token, lease, System.nanoTime(), 0);
                    }
                }
            });
        }

        private void submit(String token, String lease, long b, int attempt) {
            post("/api/leases/" + lease + "/answer", token, "{\"label\":\"pos\",\"duration_ms\":0}").onComplete(s -> {
                int status = s.failed() ? 0 : s.result().status;
                statuses.computeIfAbsent(status, x -> new AtomicInteger()).incrementAndGet();
                boolean transient_ = status == 0 || status == 502 || status == 503 || status == 504;
                if (retrySubmits && transient_ && attempt < 50) {
                    retries.incrementAndGet();
                    vertxTimer(200, () -> submit(token, lease, b, attempt + 1));
                    return;
                }
                if (b >= measureFrom) {
                    submit.add(System.nanoTime() - b);
                }
                if (status == 200 || status == 201) {
                    Matcher id = ANSWER_ID.matcher(s.result().body);
                    if (id.find()) {
                        acknowledged.add(Long.parseLong(id.group(1)));
                    }
                }
                if (status != 201 && !(retrySubmits && status == 200)) {
                    errors.incrementAndGet();
                }
                annotator(token);
            });
        }

        private void vertxTimer(long ms, Runnable r) {
            io.vertx.core.Vertx.currentContext().owner().setTimer(ms, id -> r.run());
        }

        private Future<Reply> post(String path, String token, String body) {
            return client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                            .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json")
                            .setTimeout(30_000))
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b.toString())));
        }
    }

    private record Reply(int status, String body) {
    }

    /** Latencies in nanoseconds, kept whole so percentiles are exact. */
    static final class Recorder {
        private final List<long[]> chunks = new ArrayList<>();
        private long[] current = new long[1 << 16];
        private int n;
        private final AtomicLong total = new AtomicLong();

        synchronized void add(long nanos) {
            if (n == current.length) {
                chunks.add(current);
                current = new long[1 << 16];
                n = 0;
            }
            current[n++] = nanos;
            total.incrementAndGet();
        }

        long count() {
            return total.get();
        }

        synchronized double percentile(double p) {
            long[] all = new long[(int) total.get()];
            int k = 0;
            for (long[] c : chunks) {
                System.arraycopy(c, 0, all, k, c.length);
                k += c.length;
            }
            System.arraycopy(current, 0, all, k, n);
            if (all.length == 0) {
                return 0;
            }
            Arrays.sort(all);
            return all[Math.min(all.length - 1, (int) Math.ceil(p / 100.0 * all.length) - 1)] / 1e6;
        }
    }
}
