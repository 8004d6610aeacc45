package dev.kappa.assignment;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for issue 15, defects 1 and 2: a retry racing the first submit of a lease, and a database
 * connection cut in the middle of a submit or at its commit. The races are made deterministic by holding the lease's
 * row lock from the test's own connection until the server's requests are seen waiting for it.
 */
class LeaseFailuresTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static long project;
    static Users.Created annotator;

    @BeforeAll
    static void setUp() {
        project = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, project, 10, 0);
        annotator = server.user("annotator", "crowd");
        Projects.addMember(server, project, annotator.id());
    }

    private static String lease() {
        Http.Response next = annotator.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, next.status(), next.body());
        return next.json().getString("lease_id");
    }

    private static CompletableFuture<Http.Response> submitAsync(String lease) {
        return CompletableFuture.supplyAsync(() -> annotator.http().post("/api/leases/" + lease + "/answer",
                new JsonObject().put("label", "pos").put("duration_ms", 1200)));
    }

    /** Locks the project's open leases from the test's connection (inside its open transaction). */
    private static Connection lockLeases() throws Exception {
        Connection c = TestDatabases.connect(server.databaseUrl());
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("select id from leases where project_id = ? and closed_at is null for update")) {
            s.setLong(1, project);
            s.executeQuery().close();
        }
        return c;
    }

    private static void awaitWaiters(int n) throws Exception {
        try (Connection c = TestDatabases.connect(server.databaseUrl())) {
            for (int i = 0; i < 300; i++) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) >= n) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError(n + " requests never waited for the lease lock");
    }

    private static int answers(String lease) throws Exception {
        try (Connection c = TestDatabases.connect(server.databaseUrl());
             PreparedStatement s = c.prepareStatement("select count(*) from answers where project_id = ? and lease_id = ?::uuid")) {
            s.setLong(1, project);
            s.setString(2, lease.substring(lease.indexOf('.') + 1));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @DisplayName("defect 1: a retry that waits for the first submit of its lease replays the stored answer (200, replayed: true)")
    void concurrentRetryReplays() throws Exception {
        String lease = lease();
        Http.Response a;
        Http.Response b;
        try (Connection lock = lockLeases()) {
            CompletableFuture<Http.Response> first = submitAsync(lease);
            CompletableFuture<Http.Response> retry = submitAsync(lease);
            awaitWaiters(2);
            lock.commit();
            a = first.get();
            b = retry.get();
        }
        List<Http.Response> both = List.of(a, b);
        assertEquals(1, both.stream().filter(r -> r.status() == 201).count(), "one submit records the answer: " + both);
        Http.Response replay = both.stream().filter(r -> r.status() != 201).findFirst().orElseThrow();
        assertEquals(200, replay.status(), "the racing retry gets the documented replay, not 409: " + replay);
        assertTrue(replay.json().getBoolean("replayed"));
        assertEquals(a.json().getLong("answer_id"), b.json().getLong("answer_id"));
        assertEquals(1, answers(lease));
    }

    @Test
    @DisplayName("defect 2: a connection cut mid-transaction (57P01) answers 503 problem+json with Retry-After, and the retry records the answer once")
    void cutConnectionIs503() throws Exception {
        String lease = lease();
        Http.Response cut;
        try (Connection lock = lockLeases()) {
            CompletableFuture<Http.Response> submit = submitAsync(lease);
            awaitWaiters(1);
            try (Statement s = lock.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
            }
            lock.rollback();
            cut = submit.get();
        }
        assertEquals(503, cut.status(), cut.toString());
        assertEquals("application/problem+json", cut.header("Content-Type"));
        assertNotNull(cut.header("Retry-After"), "a 503 says when to come back");
        assertFalse(cut.body().contains("Exception"), cut.body());
        assertEquals(0, answers(lease));
        Http.Response retry = annotator.http().post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "pos").put("duration_ms", 1200));
        assertEquals(201, retry.status(), "the server recovers without a restart: " + retry);
        assertEquals(1, answers(lease));
    }

    @Test
    @DisplayName("defect 2: a failed commit answers 503 with Retry-After; the retry records the answer exactly once")
    void failedCommitIs503() throws Exception {
        String lease = lease();
        // A deferred trigger that kills its own backend runs at COMMIT: the commit itself fails, as when the
        // database goes away between the last statement and the commit.
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("""
                    create function kill_at_commit() returns trigger language plpgsql as $$
                    begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$""");
            s.execute("create constraint trigger kill_at_commit after insert on answers deferrable initially deferred "
                    + "for each row execute function kill_at_commit()");
        }
        Http.Response failed;
        try {
            failed = annotator.http().post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "neg").put("duration_ms", 900));
        } finally {
            try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
                s.execute("drop trigger kill_at_commit on answers");
                s.execute("drop function kill_at_commit()");
            }
        }
        assertEquals(503, failed.status(), failed.toString());
        assertEquals("application/problem+json", failed.header("Content-Type"));
        assertNotNull(failed.header("Retry-After"));
        Http.Response retry = annotator.http().post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "neg").put("duration_ms", 900));
        assertEquals(201, retry.status(), retry.toString());
        Http.Response again = annotator.http().post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "neg").put("duration_ms", 900));
        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().getBoolean("replayed"));
        assertEquals(1, answers(lease));
    }
}
