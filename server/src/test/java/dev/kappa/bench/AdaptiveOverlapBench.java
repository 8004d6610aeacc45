package dev.kappa.bench;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Adaptive crowd overlap against fixed overlap (issue 14), through the real server: a simulated crowd labels the same
 * items under each setting through POST tasks/next and submit until nothing is left, then the spend (crowd answers)
 * and the accuracy against the simulated truth of the majority and Dawid-Skene consensus (GET /consensus) are compared.
 * <p>
 * The crowd: binary items (pos with probability .6); 80% easy, 20% hard. Each annotator has an accuracy drawn
 * uniformly from [.60, .95] on easy items; on hard items everyone is right with probability .55. Experts are off
 * (overlap expert 0), so only crowd spend and crowd consensus are measured.
 * Usage: AdaptiveOverlapBench [items=400] [annotators=30] [seed=1]. Starts its own server on a fresh database.
 */
public final class AdaptiveOverlapBench {
    record Setting(String name, int overlap, Integer maxCrowd, Double minAgreement) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] truthPos = new boolean[n];
        boolean[] hard = new boolean[n];
        for (int i = 0; i < n; i++) {
            truthPos[i] = rnd.nextDouble() < 0.6;
            hard[i] = rnd.nextDouble() < 0.2;
        }
        double[] accuracy = new double[m];
        for (int a = 0; a < m; a++) {
            accuracy[a] = 0.60 + 0.35 * rnd.nextDouble();
        }
        List<Setting> settings = List.of(new Setting("fixed 3", 3, null, null), new Setting("fixed 5", 5, null, null),
                new Setting("adaptive 3 -> max 5, min .75", 3, 5, 0.75), new Setting("adaptive 3 -> max 7, min .75", 3, 7, 0.75),
                new Setting("adaptive 1 -> max 5, min .75", 1, 5, 0.75));
        System.out.printf("%d items (%d hard), %d simulated annotators, seed %d; load average %s%n", n, count(hard), m, seed,
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        System.out.println("| setting | crowd answers | per item | majority accuracy | Dawid-Skene accuracy | items with extra votes | seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (TestServer server = TestServer.start(java.util.Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"))) {
            for (Setting s : settings) {
                run(server, s, truthPos, hard, accuracy, seed);
            }
        }
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static void run(TestServer server, Setting s, boolean[] truthPos, boolean[] hard, double[] accuracy, long seed) throws Exception {
        long t0 = System.nanoTime();
        JsonObject settings = new JsonObject().put("overlap", new JsonObject().put("crowd", s.overlap()).put("expert", 0))
                .put("max_open_leases", 1);
        if (s.maxCrowd() != null) {
            settings.put("adaptive_overlap", new JsonObject().put("max_crowd", s.maxCrowd()).put("min_agreement", s.minAgreement()));
        }
        long p = Projects.create(server, settings);
        StringBuilder items = new StringBuilder("external_id,text\n");
        for (int i = 0; i < truthPos.length; i++) {
            items.append("i").append(i).append(",item ").append(i).append('\n');
        }
        Http.Response imported = server.admin().post("/api/projects/" + p + "/items", items.toString(), "text/csv");
        if (imported.status() != 200) {
            throw new IllegalStateException(imported.toString());
        }
        List<Users.Created> crowd = new ArrayList<>();
        for (int a = 0; a < accuracy.length; a++) {
            Users.Created u = server.user("annotator", "crowd");
            Projects.addMember(server, p, u.id());
            crowd.add(u);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int a = 0; a < accuracy.length; a++) {
            int who = a;
            work.add(pool.submit(() -> annotate(crowd.get(who), p, accuracy[who], truthPos, hard, new SplittableRandom(seed * 1000 + who))));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        JsonObject progress = server.admin().get("/api/projects/" + p + "/progress").json();
        long answers = progress.getJsonObject("tiers").getJsonObject("crowd").getLong("answers");
        System.out.printf("| %s | %d | %.2f | %.3f | %.3f | %d | %.0f |%n", s.name(), answers, (double) answers / truthPos.length,
                accuracy(server, p, "majority", truthPos), accuracy(server, p, "dawid-skene", truthPos),
                progress.getLong("items_with_extra_votes"), (System.nanoTime() - t0) / 1e9);
    }

    /** Labels until the server has nothing left for this annotator. */
    private static void annotate(Users.Created u, long p, double accuracy, boolean[] truthPos, boolean[] hard, SplittableRandom rnd) {
        while (true) {
            Http.Response next = u.http().post("/api/projects/" + p + "/tasks/next", new JsonObject());
            if (next.status() == 204) {
                return;
            }
            JsonObject t = next.json();
            int i = Integer.parseInt(t.getJsonObject("item").getString("external_id").substring(1));
            boolean right = rnd.nextDouble() < (hard[i] ? 0.55 : accuracy);
            String label = truthPos[i] == right ? "pos" : "neg";
            Http.Response r = u.http().post("/api/leases/" + t.getString("lease_id") + "/answer", new JsonObject().put("label", label));
            if (r.status() != 201) {
                throw new IllegalStateException(r.toString());
            }
        }
    }

    /** Share of items whose consensus label is the truth; unresolved items (ties) count half, as a coin flip would. */
    private static double accuracy(TestServer server, long p, String method, boolean[] truthPos) {
        Http.Response r = server.admin().get("/api/projects/" + p + "/consensus?method=" + method);
        double right = 0;
        for (String line : r.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = new JsonObject(line);
            int i = Integer.parseInt(o.getString("item").substring(1));
            Object label = o.getValue("label");
            if (label == null) {
                right += 0.5;
            } else if (label.equals(truthPos[i] ? "pos" : "neg")) {
                right += 1;
            }
        }
        return right / truthPos.length;
    }
}
