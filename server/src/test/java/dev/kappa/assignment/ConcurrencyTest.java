package dev.kappa.assignment;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.ServerProcess;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 annotators (160 crowd, 40 expert) label a project to completion against 3 server processes on one PostgreSQL,
 * each request going to a random process, with some skips and duplicated submits thrown in.
 */
class ConcurrencyTest {
    static final int ITEMS = 150;
    static final int CROWD = 160;
    static final int EXPERTS = 40;

    @Test
    @DisplayName("200 annotators on 3 server processes: exact overlaps per tier, no repeats, no lost acknowledged answer, no 5xx")
    void labelsAProjectToCompletion() throws Exception {
        try (TestServer first = TestServer.start();
             ServerProcess second = ServerProcess.start(first.databaseUrl(), Map.of());
             ServerProcess third = ServerProcess.start(first.databaseUrl(), Map.of())) {
            long p = Projects.create(first, new JsonObject().put("overlap", new JsonObject().put("crowd", 3).put("expert", 1))
                    .put("baseline_sample_rate", 0.1).put("escalation", new JsonObject().put("min_agreement", 0.7)));
            Projects.items(first, p, ITEMS, 0);
            int[] ports = {first.port(), second.port(), third.port()};
            List<String> tokens = new ArrayList<>();
            List<String> tiers = new ArrayList<>();
            for (int i = 0; i < CROWD + EXPERTS; i++) {
                String tier = i < CROWD ? "crowd" : "expert";
                Http.Response u = first.admin().post("/api/users", new JsonObject().put("external_id", "w" + i).put("role", "annotator").put("tier", tier));
                long id = u.json().getLong("id");
                Projects.addMember(first, p, id);
                tokens.add(first.admin().post("/api/users/" + id + "/tokens", new JsonObject().put("name", "load")).json().getString("token"));
                tiers.add(tier);
            }

            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger serverErrors = new AtomicInteger();
            AtomicInteger crowdRunning = new AtomicInteger(CROWD);
            AtomicBoolean failed = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(CROWD + EXPERTS);
            for (int i = 0; i < CROWD + EXPERTS; i++) {
                String token = tokens.get(i);
                boolean expert = "expert".equals(tiers.get(i));
                Thread t = new Thread(() -> {
                    try {
                        annotate(ports, token, p, expert, crowdRunning, acknowledged, serverErrors);
                    } catch (Throwable e) {
                        failed.set(true);
                        e.printStackTrace();
                    } finally {
                        if (!expert) {
                            crowdRunning.decrementAndGet();
                        }
                        done.countDown();
                    }
                });
                t.start();
            }
            assertTrue(done.await(240, TimeUnit.SECONDS), "annotators did not finish");
            assertEquals(false, failed.get(), "an annotator thread failed");
            assertEquals(0, serverErrors.get(), "5xx responses");

            try (Connection c = TestDatabases.connect(first.databaseUrl())) {
                assertEquals(0, count(c, "select count(*) from (select item_id from answers where project_id = " + p
                        + " and tier = 'crowd' group by item_id having count(*) <> 3) x"), "items without exactly 3 crowd answers");
                assertEquals(ITEMS, count(c, "select count(distinct item_id) from answers where project_id = " + p + " and tier = 'crowd'"));
                long needExperts = count(c, "select count(*) from items where project_id = " + p + " and (sample_key < 0.1 or escalated_at is not null)");
                assertTrue(needExperts > 0);
                assertEquals(needExperts, count(c, "select count(distinct item_id) from answers where project_id = " + p + " and tier = 'expert'"));
                assertEquals(0, count(c, "select count(*) from (select item_id from answers where project_id = " + p
                        + " and tier = 'expert' group by item_id having count(*) <> 1) x"), "items without exactly 1 expert answer");
                assertEquals(0, count(c, "select count(*) from (select 1 from answers where project_id = " + p
                        + " group by item_id, annotator_id having count(*) > 1) x"), "an annotator answered an item twice");
                long stored = count(c, "select count(*) from answers where project_id = " + p);
                assertEquals(acknowledged.size(), stored, "every acknowledged answer is stored, and nothing else");
                assertEquals(acknowledged.size(), count(c, "select count(*) from answers where project_id = " + p + " and id in ("
                        + String.join(",", acknowledged.stream().map(String::valueOf).toList()) + ")"));
            }
        }
    }

    private static void annotate(int[] ports, String token, long p, boolean expert, AtomicInteger crowdRunning,
                                 Set<Long> acknowledged, AtomicInteger serverErrors) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int idle = 0;
        while (true) {
            Http http = new Http(ports[rnd.nextInt(ports.length)]).bearer(token);
            Http.Response next = http.post("/api/projects/" + p + "/tasks/next", new JsonObject());
            if (next.status() >= 500) {
                serverErrors.incrementAndGet();
                continue;
            }
            if (next.status() == 204) {
                // Crowd work is all created up front; expert work appears as the crowd escalates items.
                if (!expert || (crowdRunning.get() == 0 && ++idle > 2)) {
                    return;
                }
                Thread.sleep(expert && crowdRunning.get() > 0 ? 50 : 200);
                continue;
            }
            assertEquals(200, next.status(), next.body());
            idle = 0;
            String lease = next.json().getString("lease_id");
            if (rnd.nextInt(100) == 0) {
                Http.Response skip = http.post("/api/leases/" + lease + "/skip", new JsonObject().put("reason", "load test"));
                assertEquals(204, skip.status(), skip.body());
                continue;
            }
            JsonObject answer = new JsonObject().put("label", rnd.nextInt(4) == 0 ? "neg" : "pos").put("duration_ms", 10);
            int sends = rnd.nextInt(10) == 0 ? 2 : 1; // some clients retry a submit that already succeeded
            for (int s = 0; s < sends; s++) {
                Http submitTo = new Http(ports[rnd.nextInt(ports.length)]).bearer(token);
                Http.Response r = submitTo.post("/api/leases/" + lease + "/answer", answer);
                if (r.status() >= 500) {
                    serverErrors.incrementAndGet();
                    continue;
                }
                assertTrue(r.status() == 201 || r.status() == 200, r.toString());
                acknowledged.add(r.json().getLong("answer_id"));
            }
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
