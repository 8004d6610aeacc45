package dev.kappa.hardness;

import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed under concurrent writers: writers hold their transactions open for random times (so commits interleave),
 * roll some back, and rewrite some rows, while a reader pulls small pages over HTTP with the cursor it was given.
 */
class FeedCursorTest {
    static final int ITEMS = 300;
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));

    /** A project whose items all have a prediction of one run; returns item ids by position. */
    private static long[] setUp(HardProject p) throws Exception {
        StringBuilder items = new StringBuilder();
        StringBuilder preds = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            items.append(new JsonObject().put("external_id", "x" + i).put("data", new JsonObject()).encode()).append('\n');
            preds.append(new JsonObject().put("item", "x" + i).put("label", "a").put("score", 0.5).encode()).append('\n');
        }
        p.items(items.toString()).predictions("v1", preds.toString());
        long[] ids = new long[ITEMS];
        try (Connection c = TestDatabases.connect(server.databaseUrl());
             ResultSet rs = c.createStatement().executeQuery("select id from items where project_id = " + p.id + " order by seq")) {
            for (int i = 0; rs.next(); i++) {
                ids[i] = rs.getLong(1);
            }
        }
        return ids;
    }

    private static HardCaseWriter.Row row(long item, double score) {
        double none = Double.NaN;
        return new HardCaseWriter.Row(item, score, none, none, none, none, none, 0, "a", null, null, 0, false);
    }

    /**
     * Writes every item in {@code todo} once with {@code score}, from 4 threads in random batches; each transaction
     * sleeps before it ends, and about one in six rolls back (its items are written again later). Returns the
     * committed score per item.
     */
    private static Map<Long, Double> writeConcurrently(long projectId, long runId, List<Long> todo, double score, Random seed)
            throws Exception {
        List<Long> queue = Collections.synchronizedList(new ArrayList<>(todo));
        Map<Long, Double> committed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Random r = new Random(seed.nextLong());
            done.add(pool.submit(() -> {
                try (Connection c = TestDatabases.connect(server.databaseUrl())) {
                    c.setAutoCommit(false);
                    DSLContext tx = DSL.using(c, SQLDialect.POSTGRES);
                    while (true) {
                        List<Long> batch = new ArrayList<>();
                        synchronized (queue) {
                            for (int k = 1 + r.nextInt(8); k > 0 && !queue.isEmpty(); k--) {
                                batch.add(queue.remove(queue.size() - 1));
                            }
                        }
                        if (batch.isEmpty()) {
                            return null;
                        }
                        HardCaseWriter.write(tx, projectId, runId, batch.stream().map(id -> row(id, score)).toList());
                        Thread.sleep(r.nextInt(15));
                        if (r.nextInt(6) == 0) {
                            c.rollback();
                            queue.addAll(0, batch);
                        } else {
                            c.commit();
                            batch.forEach(id -> committed.put(id, score));
                        }
                    }
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : done) {
            f.get();
        }
        return committed;
    }

    /** Pulls pages of 7 until {@code writing} is over and two pulls in a row come back empty. */
    private static List<JsonObject> pull(HardProject p, String[] cursor, AtomicBoolean writing) throws Exception {
        List<JsonObject> served = new ArrayList<>();
        int empty = 0;
        while (writing.get() || empty < 2) {
            JsonObject page = p.get("/hard-cases?limit=7&since=" + cursor[0]);
            JsonArray items = page.getJsonArray("items");
            items.forEach(o -> served.add((JsonObject) o));
            cursor[0] = page.getString("next_cursor");
            empty = !writing.get() && items.isEmpty() ? empty + 1 : 0;
            Thread.sleep(items.isEmpty() ? 5 : 0);
        }
        return served;
    }

    private static List<JsonObject> pullWhile(HardProject p, String[] cursor, Writer w) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<List<JsonObject>> served = reader.submit(() -> pull(p, cursor, writing));
        try {
            w.run();
        } finally {
            writing.set(false);
        }
        List<JsonObject> out = served.get();
        reader.shutdown();
        return out;
    }

    private interface Writer {
        void run() throws Exception;
    }

    @Test
    @DisplayName("concurrent writers with late commits and rollbacks: every committed row is served exactly once, at its committed content")
    void neverRepeatsOrSkips() throws Exception {
        HardProject p = HardProject.create(server, List.of("a", "b"), 1);
        long[] ids = setUp(p);
        long runId = p.get("/hardness").getLong("followed_run_id");
        List<Long> all = new ArrayList<>();
        for (long id : ids) {
            all.add(id);
        }
        Random seed = new Random(2026);
        String[] cursor = {"0"};
        AtomicReference<Map<Long, Double>> committed = new AtomicReference<>();
        List<JsonObject> first = pullWhile(p, cursor, () -> committed.set(writeConcurrently(p.id, runId, all, 0.25, seed)));
        assertServedExactly(first, committed.get());
        assertEquals(ITEMS, first.size());

        // Rewrite a third of the rows: each must come back exactly once more, with its new content, and no other row.
        List<Long> some = new ArrayList<>();
        for (int i = 0; i < ITEMS; i += 3) {
            some.add(ids[i]);
        }
        List<JsonObject> second = pullWhile(p, cursor, () -> committed.set(writeConcurrently(p.id, runId, some, 0.75, seed)));
        assertServedExactly(second, committed.get());
        assertEquals(some.size(), second.size());
        assertTrue(p.get("/hard-cases?limit=7&since=" + cursor[0]).getJsonArray("items").isEmpty());
    }

    private static void assertServedExactly(List<JsonObject> served, Map<Long, Double> committed) {
        Set<Long> seen = new HashSet<>();
        Map<Long, Double> scores = new HashMap<>();
        for (JsonObject c : served) {
            long id = c.getJsonObject("item").getLong("id");
            assertTrue(seen.add(id), "served twice: " + id);
            scores.put(id, c.getDouble("score"));
        }
        assertEquals(committed, scores, "served rows and their content are exactly the committed ones");
    }
}
