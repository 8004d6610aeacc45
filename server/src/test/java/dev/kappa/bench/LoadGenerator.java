package dev.kappa.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * running server, for a fixed duration. Reports answers per second and p50/p99 latency of next and of submit.
 * Usage: LoadGenerator BASE_URL PROJECT_ID SECONDS TOKEN_FILE   (one bearer token per line; N = number of lines)
 * Bounded in time and count; talks only to the given (loopback) server.
 */
public final class LoadGenerator {
    private static final Pattern LEASE = Pattern.compile("\"lease_id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long project = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> tokens = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Recorder next = new Recorder();
        Recorder submit = new Recorder();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger empty = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tokens.size());
        long t0 = System.nanoTime();
        for (String token : tokens) {
            new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        long a = System.nanoTime();
                        HttpResponse<String> n = client.send(post(base + "/api/projects/" + project + "/tasks/next", token, "{}"), HttpResponse.BodyHandlers.ofString());
                        next.add(System.nanoTime() - a);
                        if (n.statusCode() == 204) {
                            empty.incrementAndGet();
                            return;
                        }
                        if (n.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        Matcher m = LEASE.matcher(n.body());
                        m.find();
                        long b = System.nanoTime();
                        HttpResponse<String> s = client.send(post(base + "/api/leases/" + m.group(1) + "/answer", token,
                                "{\"label\":\"pos\",\"duration_ms\":0}"), HttpResponse.BodyHandlers.ofString());
                        submit.add(System.nanoTime() - b);
                        if (s.statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("annotators=%d seconds=%.1f answers=%d answers_per_second=%.0f errors=%d exhausted=%d%n",
                tokens.size(), elapsed, submit.count(), submit.count() / elapsed, errors.get(), empty.get());
        System.out.printf("next   p50=%.1fms p99=%.1fms%n", next.percentile(50), next.percentile(99));
        System.out.printf("submit p50=%.1fms p99=%.1fms%n", submit.percentile(50), submit.percentile(99));
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
