package dev.kappa.bench;

import dev.kappa.baseline.BaselineData;
import dev.kappa.baseline.BaselineMath;
import dev.kappa.baseline.BaselineOptions;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 7's benchmark: the full baseline report on issue 6's data set (1,000,000 answers: 200k items x 5 distinct
 * annotators of 2,000, the first 200 of them experts, 10 classes, each answer right with p = .7), with the generator's
 * true class as gold on every item, and 3 model runs predicting all 200k items (right with p = .75, .80, .85). Times
 * from request to last byte, 1,000 bootstrap resamples, against each reference; then the leaderboard; then the
 * maths alone in memory. Run it with bench/baseline/run.sh; it prints a Markdown table.
 */
public final class BaselineBenchmark {
    static final double[] RUN_ACCURACY = {0.75, 0.80, 0.85};

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf("%d cores available to the JVM, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (TestServer server = TestServer.start(Map.of("KAPPA_DB_POOL_SIZE", "4"))) {
            long t0 = System.nanoTime();
            StatsBenchmark.Data data = StatsBenchmark.Data.generate(2026);
            int[] truth = truth(2026, data);
            int[][] predictions = predictions(truth);
            long project = StatsBenchmark.store(server.databaseUrl(), data);
            storeGoldAndRuns(server.databaseUrl(), project, truth, predictions);
            System.out.printf("stored %,d answers, gold and %d runs in %.1f s%n", data.label().length, predictions.length,
                    (System.nanoTime() - t0) / 1e9);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + server.port() + "/api/projects/" + project;
            List<String> rows = new ArrayList<>();
            for (String ref : List.of("gold", "expert", "consensus")) {
                rows.add(measure(client, base + "/baselines?reference=" + ref + "&resamples=1000",
                        "baselines, reference=" + ref + ", 1,000 resamples", runs));
            }
            rows.add(measure(client, base + "/baselines?reference=gold&resamples=0", "baselines, reference=gold, no bootstrap", runs));
            rows.add(measure(client, base + "/baselines?reference=gold&format=csv&table=classes",
                    "baselines CSV (classes table), reference=gold, 1,000 resamples", runs));
            rows.add(measure(client, base + "/leaderboard", "leaderboard (default policy: gold, 1,000 resamples)", runs));
            System.out.println();
            System.out.println("| request | wall ms per run | median wall ms | median JVM CPU ms | goal < 5 s |");
            System.out.println("|---|---|---|---|---|");
            rows.forEach(System.out::println);
            inMemory(data, truth, predictions, runs);
        }
    }

    /**
     * One warm-up request, then {@code runs} timed ones: wall time from request to last byte, and the CPU time this
     * JVM (server and client) spent meanwhile, which the machine's other load does not inflate as it does wall time.
     * PostgreSQL's own CPU is not in it.
     */
    static String measure(HttpClient client, String url, String what, int runs) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        long bytes = 0;
        for (int r = 0; r <= runs; r++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cms = (os.getProcessCpuTime() - c0) / 1_000_000;
            if (res.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + new String(res.body()));
            }
            bytes = res.body().length;
            System.out.printf("%s: %d ms wall, %d ms CPU, %,d bytes%s%n", url.replaceFirst(".*/api", "/api"), ms, cms, bytes,
                    r == 0 ? " (warm-up)" : "");
            if (r > 0) {
                wall.add(ms);
                cpu.add(cms);
            }
        }
        return String.format("| %s (%,d bytes) | %s | %d | %d | %s |", what, bytes, wall, median(wall), median(cpu),
                median(wall) < 5000 ? "met" : "not met");
    }

    static long median(List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * The true class of each item, drawn exactly as {@link StatsBenchmark.Data#generate} draws it (same generator, same
     * calls in the same order); the labels are regenerated alongside and must come out identical.
     */
    static int[] truth(long seed, StatsBenchmark.Data d) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] truth = new int[StatsBenchmark.ITEMS];
        int[] picked = new int[StatsBenchmark.PER_ITEM];
        for (int i = 0; i < StatsBenchmark.ITEMS; i++) {
            truth[i] = rng.nextInt(StatsBenchmark.CLASSES);
            for (int j = 0; j < StatsBenchmark.PER_ITEM; j++) {
                int a;
                boolean seen;
                do {
                    a = rng.nextInt(StatsBenchmark.ANNOTATORS);
                    seen = false;
                    for (int x = 0; x < j; x++) {
                        seen |= picked[x] == a;
                    }
                } while (seen);
                picked[j] = a;
                int label = rng.nextDouble() < 0.7 ? truth[i] : rng.nextInt(StatsBenchmark.CLASSES);
                if (label != d.label()[i * StatsBenchmark.PER_ITEM + j]) {
                    throw new IllegalStateException("the truth generator no longer follows StatsBenchmark.Data.generate");
                }
            }
        }
        return truth;
    }

    static int[][] predictions(int[] truth) {
        SplittableRandom rng = new SplittableRandom(7);
        int[][] out = new int[RUN_ACCURACY.length][truth.length];
        for (int r = 0; r < out.length; r++) {
            for (int i = 0; i < truth.length; i++) {
                out[r][i] = rng.nextDouble() < RUN_ACCURACY[r] ? truth[i] : rng.nextInt(StatsBenchmark.CLASSES);
            }
        }
        return out;
    }

    static void storeGoldAndRuns(String url, long project, int[] truth, int[][] predictions) throws Exception {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            try (PreparedStatement gold = c.prepareStatement("UPDATE items i SET gold = to_jsonb('c' || t.g) FROM unnest(?::int[])"
                    + " WITH ORDINALITY t(g, seq) WHERE i.project_id = ? AND i.seq = t.seq")) {
                gold.setArray(1, c.createArrayOf("int4", Arrays.stream(truth).boxed().toArray()));
                gold.setLong(2, project);
                gold.executeUpdate();
            }
            s.execute("UPDATE projects SET hourly_rate_crowd = 12, hourly_rate_expert = 60 WHERE id = " + project);
            long[] items = new long[truth.length];
            try (ResultSet rs = s.executeQuery("SELECT id FROM items WHERE project_id = " + project + " ORDER BY seq")) {
                for (int i = 0; rs.next(); i++) {
                    items[i] = rs.getLong(1);
                }
            }
            for (int r = 0; r < predictions.length; r++) {
                long run;
                try (ResultSet rs = s.executeQuery("INSERT INTO model_runs (project_id, model, version, latency_ms, size_mb, cost_per_1k)"
                        + " VALUES (" + project + ", 'model-" + r + "', 'v1', " + (10 + 30 * r) + ", " + (50 * (r + 1)) + ", "
                        + (0.02 * (r + 1)) + ") RETURNING id")) {
                    rs.next();
                    run = rs.getLong(1);
                }
                StringBuilder copy = new StringBuilder(truth.length * 32);
                for (int i = 0; i < truth.length; i++) {
                    copy.append(project).append('\t').append(run).append('\t').append(items[i]).append("\t\"c")
                            .append(predictions[r][i]).append("\"\t0.5\n");
                }
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                        "COPY predictions (project_id, run_id, item_id, label, score) FROM STDIN", new StringReader(copy.toString()));
            }
            s.execute("ANALYZE");
        }
    }

    /** The maths alone, from arrays already in memory: what the request adds is reading PostgreSQL and writing JSON. */
    static void inMemory(StatsBenchmark.Data d, int[] truth, int[][] predictions, int runs) {
        int n = d.label().length;
        boolean[] expert = new boolean[n];
        int[] ms = new int[n];
        for (int a = 0; a < n; a++) {
            expert[a] = d.annotator()[a] < StatsBenchmark.ANNOTATORS / 10;
            ms[a] = 2000 + a % 7000;
        }
        BaselineData data = new BaselineData(StatsBenchmark.ITEMS, StatsBenchmark.ANNOTATORS, StatsBenchmark.CLASSES,
                d.item(), d.annotator(), expert, d.label(), ms, truth, predictions);
        System.out.println();
        System.out.println("| in memory (no database, no JSON), reference=gold | wall ms per run | median wall ms | median CPU ms |");
        System.out.println("|---|---|---|---|");
        for (int resamples : new int[] {0, 1000}) {
            for (boolean parallel : resamples == 0 ? new boolean[] {false} : new boolean[] {false, true}) {
                BaselineOptions o = new BaselineOptions(resamples, 1, 0.95, 30, BaselineOptions.MAX_K, 12.0, 60.0, parallel);
                List<Long> times = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                for (int r = 0; r <= runs; r++) {
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    BaselineMath.compute(data, BaselineMath.reference("gold", data), o);
                    if (r > 0) {
                        times.add((System.nanoTime() - t0) / 1_000_000);
                        cpu.add((os.getProcessCpuTime() - c0) / 1_000_000);
                    }
                }
                System.out.printf("| %d resamples, %s | %s | %d | %d |%n", resamples, parallel ? "all cores" : "one thread",
                        times, median(times), median(cpu));
            }
        }
    }

    private BaselineBenchmark() {
    }
}
