package dev.kappa.bench;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data flywheel, measured through the real server: items and model predictions are imported over HTTP, the
 * project's strategy is set, and simulated annotators label through POST tasks/next and submit, in rounds of 1% of
 * the items, with a recompute after each round (the background job does the same on its timer; here it is explicit
 * so runs are reproducible). For each strategy: the share of all model errors found in the first 10% of labels,
 * and the labels needed to find 80% of them. Annotators give the true label, or with probability {@code noise} a
 * random other one; an error counts as found when an item the model got wrong (by the true label) is labeled.
 * Usage: HardCaseBench [items=10000] [seed=1] [noise=0.03]. Starts its own server on a fresh database.
 */
public final class HardCaseBench {
    static final int THREADS = 4;

    record Outcome(String strategy, double foundAt10, int labelsFor80, int labels, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        double noise = args.length > 2 ? Double.parseDouble(args[2]) : 0.03;
        List<HardCaseScenarios.Scenario> scenarios = List.of(HardCaseScenarios.simulated(n, seed, false),
                HardCaseScenarios.simulated(n, seed, true), HardCaseScenarios.crowdWeb());
        try (TestServer server = TestServer.start(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"))) {
            for (HardCaseScenarios.Scenario s : scenarios) {
                System.out.printf("%n### %s: %d items, %d classes, %d model errors (%.1f%%)%n%n", s.name(), s.size(),
                        s.keys().size(), s.errors(), 100.0 * s.errors() / s.size());
                System.out.println("| strategy | errors found in first 10% of labels | x random | labels to find 80% of errors | labels given | s |");
                System.out.println("|---|---|---|---|---|---|");
                double random = 0;
                for (String strategy : List.of("random", "fifo", "uncertainty", "hardness")) {
                    Outcome o = run(server, s, strategy, seed, noise);
                    random = strategy.equals("random") ? o.foundAt10() : random;
                    System.out.printf("| %s | %.1f%% | %.2f | %d (%.1f%% of items) | %d | %.0f |%n", o.strategy(),
                            100 * o.foundAt10(), o.foundAt10() / random, o.labelsFor80(), 100.0 * o.labelsFor80() / s.size(),
                            o.labels(), o.seconds());
                }
            }
        }
    }

    static Outcome run(TestServer server, HardCaseScenarios.Scenario s, String strategy, long seed, double noise) throws Exception {
        long t0 = System.nanoTime();
        Http admin = server.admin();
        long project = project(admin, s);
        upload(admin, "/api/projects/" + project + "/items", items(s));
        upload(admin, "/api/projects/" + project + "/predictions?model=sim&version=1", predictions(s));
        JsonObject settings = new JsonObject().put("strategy", strategy).put("random_seed", seed);
        check(admin.send("PUT", "/api/projects/" + project + "/hardness",
                java.net.http.HttpRequest.BodyPublishers.ofString(settings.encode()), "application/json"), 200);
        List<Users.Created> annotators = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Users.Created u = server.user("annotator", "crowd");
            Projects.addMember(server, project, u.id());
            annotators.add(u);
        }
        int n = s.size();
        int round = Math.max(1, n / 100);
        int errors = s.errors();
        int tenth = (int) Math.ceil(n * 0.1);
        List<Integer> served = java.util.Collections.synchronizedList(new ArrayList<>());
        int found = 0;
        int foundAt10 = -1;
        int labelsFor80 = -1;
        SplittableRandom[] rnd = new SplittableRandom[THREADS];
        for (int t = 0; t < THREADS; t++) {
            rnd[t] = new SplittableRandom(seed * 31 + t);
        }
        int counted = 0;
        while (served.size() < n && (labelsFor80 < 0 || served.size() < tenth)) {
            check(admin.post("/api/projects/" + project + "/hardness/recompute", new JsonObject()), 200);
            AtomicInteger budget = new AtomicInteger(Math.min(round, n - served.size()));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Users.Created u = annotators.get(t);
                SplittableRandom r = rnd[t];
                Thread th = new Thread(() -> label(u, project, s, budget, served, r, noise));
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            for (; counted < served.size(); counted++) {
                int i = served.get(counted);
                found += s.truth()[i] != s.predicted()[i] ? 1 : 0;
                if (counted + 1 == tenth) {
                    foundAt10 = found;
                }
                if (labelsFor80 < 0 && found >= 0.8 * errors) {
                    labelsFor80 = counted + 1;
                }
            }
            if (budget.get() > 0) {
                break;
            }
        }
        return new Outcome(strategy, (double) foundAt10 / errors, labelsFor80, served.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** Labels until the round's budget is spent or the queue is empty. */
    private static void label(Users.Created u, long project, HardCaseScenarios.Scenario s, AtomicInteger budget,
                              List<Integer> served, SplittableRandom r, double noise) {
        int k = s.keys().size();
        while (budget.getAndDecrement() > 0) {
            Http.Response next = u.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
            if (next.status() == 204) {
                budget.incrementAndGet();
                return;
            }
            JsonObject task = check(next, 200).json();
            int i = Integer.parseInt(task.getJsonObject("item").getString("external_id").substring(1));
            int answer = r.nextDouble() < noise ? (s.truth()[i] + 1 + r.nextInt(k - 1)) % k : s.truth()[i];
            check(u.http().post("/api/leases/" + task.getString("lease_id") + "/answer",
                    new JsonObject().put("label", s.keys().get(answer))), 201);
            served.add(i);
        }
        budget.incrementAndGet();
    }

    private static long project(Http admin, HardCaseScenarios.Scenario s) {
        JsonArray labels = new JsonArray();
        s.keys().forEach(k -> labels.add(new JsonObject().put("key", k).put("name", k)));
        JsonObject body = new JsonObject().put("name", "bench " + System.nanoTime())
                .put("schema", new JsonObject().put("kind", "single").put("labels", labels))
                .put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)).put("breadth_first", false);
        return check(admin.post("/api/projects", body), 201).json().getLong("id");
    }

    private static String items(HardCaseScenarios.Scenario s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            b.append(new JsonObject().put("external_id", "i" + i).put("data", new JsonObject().put("n", i)).encode()).append('\n');
        }
        return b.toString();
    }

    private static String predictions(HardCaseScenarios.Scenario s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            JsonObject probs = new JsonObject();
            for (int c = 0; c < s.keys().size(); c++) {
                probs.put(s.keys().get(c), Math.round(s.probs()[i][c] * 1e6) / 1e6);
            }
            b.append(new JsonObject().put("item", "i" + i).put("label", s.keys().get(s.predicted()[i]))
                    .put("probs", probs).encode()).append('\n');
        }
        return b.toString();
    }

    private static void upload(Http admin, String path, String body) {
        check(admin.post(path, body, "application/x-ndjson"), 200);
    }

    private static Http.Response check(Http.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
        return r;
    }
}
