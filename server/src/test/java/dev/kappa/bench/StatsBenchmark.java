package dev.kappa.bench;

import dev.kappa.stats.Fleiss;
import dev.kappa.stats.Ratings;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 6's benchmark: 1,000,000 answers (200k items x 5 distinct annotators of 2,000, 10 classes, each answer right
 * with p = .7) stored in PostgreSQL, then the time from request to the last byte of the response for agreement (all
 * coefficients, no bootstrap), majority consensus and Dawid-Skene. In the same run, Fleiss' kappa of the same labels
 * with Debian's numpy and statsmodels as the reference. Run it with bench/stats/run.sh; it prints a Markdown table.
 */
public final class StatsBenchmark {
    static final int ITEMS = 200_000;
    static final int PER_ITEM = 5;
    static final int CLASSES = 10;
    static final int ANNOTATORS = 2_000;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (TestServer server = TestServer.start(Map.of("KAPPA_DB_POOL_SIZE", "4"))) {
            long t0 = System.nanoTime();
            Data data = Data.generate(2026);
            long project = store(server.databaseUrl(), data);
            System.out.printf("stored %,d answers in %.1f s%n", data.label.length, (System.nanoTime() - t0) / 1e9);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + server.port() + "/api/projects/" + project;
            String key = TestServer.ADMIN_KEY; // the first admin's API token: admins may read every project
            List<String> rows = new ArrayList<>();
            Timing agreement = timing(client, base + "/agreement?resamples=0", key, runs);
            rows.add(row("agreement, all coefficients, no bootstrap", agreement, 2000));
            Timing majority = timing(client, base + "/consensus?method=majority", key, runs);
            rows.add(row("consensus, majority (JSONL, 200k lines)", majority, 2000));
            Timing weighted = timing(client, base + "/consensus?method=weighted", key, runs);
            rows.add(row("consensus, weighted", weighted, 2000));
            Timing ds = timing(client, base + "/consensus?method=dawid-skene", key, runs);
            rows.add(row("consensus, Dawid-Skene to convergence (" + ds.header + " iterations)", ds, 10_000));
            double fleissApi = new JsonObject(agreement.lastBody).getJsonObject("fleiss_kappa").getDouble("value");
            Reference ref = reference(data, runs);
            double javaFleiss = javaFleissMs(data, runs);
            System.out.println();
            System.out.println("| measurement | runs (ms) | median ms | goal |");
            System.out.println("|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.printf("| Fleiss' kappa in memory, Java `stats.Fleiss` (counts + kappa) | best of %d | %.0f | |%n", runs, javaFleiss);
            System.out.printf("| Fleiss' kappa in memory, numpy %s + statsmodels %s (aggregate_raters + fleiss_kappa) | best of %d | %.0f | |%n",
                    ref.json.getString("numpy"), ref.json.getString("statsmodels"), runs, ref.json.getDouble("best_ms"));
            System.out.println();
            System.out.printf("Fleiss' kappa: API %.12f, statsmodels %.12f (difference %.1e)%n", fleissApi,
                    ref.json.getDouble("kappa"), Math.abs(fleissApi - ref.json.getDouble("kappa")));
            System.out.printf("Ratio, whole agreement request (PostgreSQL read + all coefficients + JSON) / statsmodels Fleiss only: %.2f%n",
                    agreement.median() / ref.json.getDouble("best_ms"));
            System.out.printf("Ratio, Java Fleiss in memory / statsmodels Fleiss in memory: %.2f%n", javaFleiss / ref.json.getDouble("best_ms"));
        }
    }

    /** Answers item by item: item i's answers are PER_ITEM distinct annotators. */
    record Data(int[] item, int[] annotator, int[] label) {
        static Data generate(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = ITEMS * PER_ITEM;
            int[] item = new int[n];
            int[] annotator = new int[n];
            int[] label = new int[n];
            int[] picked = new int[PER_ITEM];
            for (int i = 0; i < ITEMS; i++) {
                int truth = rng.nextInt(CLASSES);
                for (int j = 0; j < PER_ITEM; j++) {
                    int a;
                    do {
                        a = rng.nextInt(ANNOTATORS);
                    } while (contains(picked, j, a));
                    picked[j] = a;
                    int at = i * PER_ITEM + j;
                    item[at] = i;
                    annotator[at] = a;
                    label[at] = rng.nextDouble() < 0.7 ? truth : rng.nextInt(CLASSES);
                }
            }
            return new Data(item, annotator, label);
        }

        private static boolean contains(int[] a, int n, int v) {
            for (int i = 0; i < n; i++) {
                if (a[i] == v) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Project, users and items by SQL, answers by COPY (10% of annotators are experts). */
    static long store(String url, Data d) throws Exception {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            StringBuilder labels = new StringBuilder();
            for (int k = 0; k < CLASSES; k++) {
                labels.append(k == 0 ? "" : ",").append("{\"key\":\"c").append(k).append("\",\"name\":\"class ").append(k).append("\"}");
            }
            ResultSet rs = s.executeQuery("INSERT INTO projects (name, schema) VALUES ('bench', '{\"kind\":\"single\",\"labels\":["
                    + labels + "]}') RETURNING id");
            rs.next();
            long project = rs.getLong(1);
            s.execute("INSERT INTO users (external_id, display_name, role, tier) SELECT 'bench-' || g, 'bench ' || g, 'annotator', "
                    + "CASE WHEN g <= " + ANNOTATORS / 10 + " THEN 'expert' ELSE 'crowd' END FROM generate_series(1, " + ANNOTATORS + ") g");
            s.execute("INSERT INTO items (project_id, external_id, data, seq, sample_key) SELECT " + project
                    + ", 'item-' || g, '{}', g, random() FROM generate_series(1, " + ITEMS + ") g");
            long[] users = ids(s, "SELECT id FROM users WHERE external_id LIKE 'bench-%' ORDER BY substring(external_id from 7)::int");
            long[] items = ids(s, "SELECT id FROM items WHERE project_id = " + project + " ORDER BY seq");
            StringBuilder copy = new StringBuilder(d.label.length * 40);
            for (int a = 0; a < d.label.length; a++) {
                copy.append(project).append('\t').append(items[d.item[a]]).append('\t').append(users[d.annotator[a]]).append('\t')
                        .append(d.annotator[a] < ANNOTATORS / 10 ? "expert" : "crowd").append("\t\"c").append(d.label[a])
                        .append("\"\t").append(2000 + a % 7000).append("\timport\n");
            }
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY answers (project_id, item_id, annotator_id, tier, label, duration_ms, source) FROM STDIN",
                    new StringReader(copy.toString()));
            s.execute("ANALYZE");
            return project;
        }
    }

    private static long[] ids(Statement s, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static final class Timing {
        final List<Long> ms = new ArrayList<>();
        String lastBody;
        String header;
        long bytes;

        double median() {
            long[] s = ms.stream().mapToLong(Long::longValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        }
    }

    /** One warm-up request, then {@code runs} timed ones: request sent to last byte read. */
    static Timing timing(HttpClient client, String url, String token, int runs) throws Exception {
        Timing t = new Timing();
        for (int r = 0; r <= runs; r++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token).GET().build();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (InputStream in = res.body()) {
                in.transferTo(body);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (res.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + body);
            }
            if (r > 0) {
                t.ms.add(ms);
            }
            t.bytes = body.size();
            t.lastBody = body.size() < 10_000_000 ? body.toString() : null;
            t.header = res.headers().firstValue("Kappa-Iterations").orElse("");
            System.out.printf("%s: %d ms, %,d bytes%s%n", url.replaceFirst(".*/api", "/api"), ms, body.size(), r == 0 ? " (warm-up)" : "");
        }
        return t;
    }

    static String row(String what, Timing t, int goalMs) {
        return String.format("| %s | %s | %.0f | < %d ms: %s |", what, t.ms, t.median(), goalMs, t.median() < goalMs ? "met" : "not met");
    }

    record Reference(JsonObject json) {
    }

    /** Writes the labels item by item and runs the statsmodels reference on them. */
    static Reference reference(Data d, int runs) throws Exception {
        Path file = Files.createTempFile("kappa-bench-labels", ".i32");
        try {
            ByteBuffer buf = ByteBuffer.allocate(d.label.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int l : d.label) {
                buf.putInt(l);
            }
            Files.write(file, buf.array());
            Process p = new ProcessBuilder("/usr/bin/python3", Path.of("bench/stats/fleiss_reference.py").toAbsolutePath().toString(),
                    file.toString(), String.valueOf(ITEMS), String.valueOf(PER_ITEM), String.valueOf(runs))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the statsmodels reference failed: " + out);
            }
            return new Reference(new JsonObject(out));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Best of {@code runs}: Fleiss' kappa from the in-memory arrays (counts table included), as statsmodels is timed. */
    static double javaFleissMs(Data d, int runs) {
        Ratings r = Ratings.of(d.item, d.annotator, d.label, ITEMS, ANNOTATORS, CLASSES);
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= runs; i++) {
            Ratings fresh = Ratings.of(d.item, d.annotator, d.label, ITEMS, ANNOTATORS, CLASSES);
            long t0 = System.nanoTime();
            Fleiss.of(fresh);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i > 0) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }

    private StatsBenchmark() {
    }
}
