package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 13's page timings: a project with 1,020,000 answers by 200 annotators (200,000 items x 5 crowd answers from
 * 180 crowd annotators, 1 expert answer on every tenth item from 20 experts, over 7 days; gold on 5% of the items;
 * one model run on every item), made by SQL in PostgreSQL, then each console page opened in headless Chromium, timed
 * from the hash change to the page being usable: every chart drawn and no "Loading"/"Computing" left. Not a test
 * (surefire skips the name); run it with bench/console/run.sh.
 */
public final class ConsolePagesBench {
    static final int ITEMS = Integer.parseInt(System.getenv().getOrDefault("KAPPA_BENCH_ITEMS", "200000"));
    static final String[][] PAGES = {{"overview", "3"}, {"annotators", "1"}, {"quality", "3"}, {"baselines", "3"}, {"hard-cases", "1"}};

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String port = System.getenv("KAPPA_BENCH_PORT");
        if (port != null) {
            // A server started by hand on a project stored before (bench/console/run.sh's project, kept): no seeding.
            Map<String, String> env = System.getenv();
            measure(Integer.parseInt(port), Long.parseLong(env.getOrDefault("KAPPA_BENCH_PROJECT", "1")),
                    env.get("KAPPA_BENCH_EMAIL"), env.get("KAPPA_BENCH_PASSWORD"), runs);
            return;
        }
        try (TestServer server = TestServer.start(Map.of("KAPPA_DB_POOL_SIZE", "8", "KAPPA_HARDNESS_INTERVAL_MS", "0"))) {
            long t0 = System.nanoTime();
            long project = store(server.databaseUrl());
            System.out.printf("stored the project in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Http admin = server.admin();
            long t1 = System.nanoTime();
            Http.Response recompute = admin.post("/api/projects/" + project + "/hardness/recompute", new JsonObject());
            System.out.printf("hardness recompute: %d in %.1f s%n", recompute.status(), (System.nanoTime() - t1) / 1e9);
            measure(server.port(), project, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, runs);
        }
    }

    static void measure(int port, long project, String email, String password, int runs) {
        try (Browser browser = Browser.open(port)) {
            browser.driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
            browser.logIn(email, password);
            String loadBefore = loadAverage();
            List<String> rows = new ArrayList<>();
            // KAPPA_BENCH_PAGES=quality (a comma list) opens only those: a page first on a fresh server, nothing shared.
            List<String> only = List.of(System.getenv().getOrDefault("KAPPA_BENCH_PAGES", "").split(","));
            for (String[] page : PAGES) {
                if (!only.equals(List.of("")) && !only.contains(page[0])) {
                    continue;
                }
                long[] ms = new long[runs];
                for (int r = 0; r < runs; r++) {
                    ms[r] = open(browser, project, page[0], Integer.parseInt(page[1]));
                }
                long[] sorted = ms.clone();
                Arrays.sort(sorted);
                rows.add(String.format("| %s | %s | %d | %d |", page[0], Arrays.toString(ms), ms[0], sorted[runs / 2]));
                browser.screenshot("bench-" + page[0]);
            }
            System.out.println();
            System.out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
            System.out.println();
            System.out.println("| page | runs (ms, first is the first open) | first ms | median ms |");
            System.out.println("|---|---|---|---|");
            rows.forEach(System.out::println);
        }
    }

    /** Milliseconds from the hash change to a usable page, measured in the page with performance.now(). */
    static long open(Browser browser, long project, String tab, int figures) {
        Object ms = browser.driver.executeAsyncScript("""
                const [hash, figures, done] = arguments;
                const main = document.getElementById('main');
                const changes = [];
                const watch = new MutationObserver((ms) => ms.forEach((m) => changes.push(Math.round(performance.now() - t0)
                    + 'ms +' + [...m.addedNodes].map((n) => n.className || n.nodeName).join(',') + ' -' + [...m.removedNodes].map((n) => n.className || n.nodeName).join(','))));
                watch.observe(main, { childList: true });
                main.replaceChildren();
                // Opening the page that is already open changes no hash, and no hashchange means no route: step off it
                // without an event first, so that every open is a real navigation.
                history.replaceState(null, '', '#/');
                const t0 = performance.now();
                location.hash = hash;
                const ready = () => main.querySelector('#analysis-title')
                    && main.querySelectorAll('figure.chart[data-chart]').length >= figures
                    && !/Loading…|Computing/.test(main.textContent);
                const poll = () => {
                    if (ready()) {
                        watch.disconnect();
                        done(Math.round(performance.now() - t0));
                    } else if (performance.now() - t0 > 60000) {
                        done('not usable after 60 s: ' + main.querySelectorAll('figure.chart[data-chart]').length + ' charts; '
                            + (main.querySelector('#analysis-title') ? '' : 'no title; ') + main.textContent.slice(0, 400)
                            + ' | hash ' + location.hash + ' | changes of main: ' + changes.join('; '));
                    } else {
                        setTimeout(poll, 10);
                    }
                };
                poll();
                """, "#/manage/" + project + "/" + tab, figures);
        if (!(ms instanceof Number n)) {
            throw new IllegalStateException(tab + ": " + ms);
        }
        return n.longValue();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static long store(String url) throws Exception {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            StringBuilder labels = new StringBuilder();
            for (int k = 0; k < 10; k++) {
                labels.append(k == 0 ? "" : ",").append("{\"key\":\"c").append(k).append("\",\"name\":\"class ").append(k).append("\"}");
            }
            ResultSet rs = s.executeQuery("INSERT INTO projects (name, schema, overlap_crowd, overlap_expert, hourly_rate_crowd, hourly_rate_expert) "
                    + "VALUES ('console bench', '{\"kind\":\"single\",\"labels\":[" + labels + "]}', 5, 1, 12, 60) RETURNING id");
            rs.next();
            long p = rs.getLong(1);
            s.execute("SELECT setseed(0.13)");
            s.execute("INSERT INTO users (external_id, display_name, role, tier) SELECT 'cb-' || " + p + " || '-' || g, 'annotator ' || g, "
                    + "'annotator', CASE WHEN g <= 20 THEN 'expert' ELSE 'crowd' END FROM generate_series(1, 200) g");
            s.execute("CREATE TEMP TABLE bench_users AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE external_id LIKE 'cb-" + p + "-%'");
            // items over the last 7 days; truth of item g is class g % 10; gold on every 20th
            s.execute("INSERT INTO items (project_id, external_id, data, gold, seq, sample_key, created_at) SELECT " + p
                    + ", 'item-' || g, jsonb_build_object('text', 'item ' || g || ' of the bench'), "
                    + "CASE WHEN g % 20 = 0 THEN to_jsonb('c' || (g % 10)) END, g, random(), "
                    + "now() - interval '7 days' + g * interval '3 seconds' FROM generate_series(1, " + ITEMS + ") g");
            // 5 crowd answers per item by distinct crowd annotators (users 21..200), right with p = 0.7, 5 to 25 minutes apart
            s.execute("INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, source, created_at) "
                    + "SELECT i.project_id, i.id, u.id, 'crowd', to_jsonb('c' || CASE WHEN random() < 0.7 THEN i.seq % 10 ELSE floor(random() * 10)::int END), "
                    + "2000 + floor(random() * 20000)::int, 'import', least(now(), i.created_at + j * interval '5 minutes') "
                    + "FROM items i CROSS JOIN generate_series(1, 5) j JOIN bench_users u ON u.n = 21 + ((i.seq * 7 + j * 37) % 180) "
                    + "WHERE i.project_id = " + p);
            s.execute("INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, source, created_at) "
                    + "SELECT i.project_id, i.id, u.id, 'expert', to_jsonb('c' || CASE WHEN random() < 0.9 THEN i.seq % 10 ELSE floor(random() * 10)::int END), "
                    + "5000 + floor(random() * 40000)::int, 'import', least(now(), i.created_at + interval '2 hours') "
                    + "FROM items i JOIN bench_users u ON u.n = 1 + ((i.seq / 10) % 20) WHERE i.project_id = " + p + " AND i.seq % 10 = 1");
            s.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started, annotator_id, answer_id, filled_at) "
                    + "SELECT a.project_id, a.item_id, a.tier, row_number() OVER (PARTITION BY a.item_id, a.tier ORDER BY a.id), 0, i.seq, true, "
                    + "a.annotator_id, a.id, a.created_at FROM answers a JOIN items i ON i.project_id = a.project_id AND i.id = a.item_id WHERE a.project_id = " + p);
            ResultSet run = s.executeQuery("INSERT INTO model_runs (project_id, model, version, latency_ms, cost_per_1k) VALUES (" + p
                    + ", 'bench-model', '1', 20, 0.1) RETURNING id");
            run.next();
            long runId = run.getLong(1);
            s.execute("INSERT INTO predictions (project_id, run_id, item_id, label, score) SELECT " + p + ", " + runId
                    + ", i.id, to_jsonb('c' || CASE WHEN random() < 0.8 THEN i.seq % 10 ELSE floor(random() * 10)::int END), 0.5 + random() / 2 "
                    + "FROM items i WHERE i.project_id = " + p);
            s.execute("ANALYZE");
            ResultSet n = s.executeQuery("SELECT count(*), count(DISTINCT annotator_id) FROM answers WHERE project_id = " + p);
            n.next();
            System.out.printf("project %d: %,d answers by %d annotators%n", p, n.getLong(1), n.getLong(2));
            return p;
        }
    }
}
