package dev.kappa.hardness;

import org.jooq.DSLContext;

import java.util.List;

import static dev.kappa.db.Tables.HARDNESS_MARKS;

/**
 * What the recompute keeps besides its results: the session advisory lock on a project (held on the recompute's own
 * connection, so it spans its transactions), which projects are due, the dirty marks it consumes, and when and how
 * long it last ran (V050 hardness_marks, hardness_state).
 */
final class RecomputeRepository {
    private static final String LOCK = "select pg_advisory_lock(hashtext('kappa.hardness'), ?::int)";
    private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtext('kappa.hardness'), ?::int)";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('kappa.hardness'), ?::int)";

    /** Marked projects whose last recompute is older than the interval and than twice its duration, oldest first. */
    private static final String DUE = """
            select m.project_id from (select distinct project_id from hardness_marks) m
            left join hardness_state s on s.project_id = m.project_id
            where s.computed_at is null
               or s.computed_at < now() - make_interval(secs => greatest(?, 2 * s.duration_ms) / 1000.0)
            order by s.computed_at nulls first
            """;

    private static final String REPEATABLE_READ_ONLY = "set transaction isolation level repeatable read, read only";
    private static final String SNAPSHOT = "select pg_current_snapshot()::text";
    private static final String CONSUME_MARKS =
            "delete from hardness_marks where project_id = ? and pg_visible_in_snapshot(xid, ?::pg_snapshot)";
    private static final String SAVE_STATE = """
            insert into hardness_state (project_id, computed_at, duration_ms, reference) values (?, now(), ?, ?)
            on conflict (project_id) do update set computed_at = excluded.computed_at,
              duration_ms = excluded.duration_ms, reference = excluded.reference""";

    private RecomputeRepository() {
    }

    /** Waits for the project's lock on {@code session}'s connection. */
    static void lock(DSLContext session, long projectId) {
        session.fetch(LOCK, (int) projectId);
    }

    /** Takes the project's lock on {@code session}'s connection if no one holds it. */
    static boolean tryLock(DSLContext session, long projectId) {
        return session.resultQuery(TRY_LOCK, (int) projectId).fetchOne(0, Boolean.class);
    }

    static void unlock(DSLContext session, long projectId) {
        session.fetch(UNLOCK, (int) projectId);
    }

    static List<Long> due(DSLContext dsl, long intervalMs) {
        return dsl.resultQuery(DUE, intervalMs).fetch(0, Long.class);
    }

    /** Makes {@code tx} one read-only snapshot; must be its first statement. */
    static void repeatableReadOnly(DSLContext tx) {
        tx.execute(REPEATABLE_READ_ONLY);
    }

    /** The transaction's snapshot, as text for {@link #consumeMarks}. */
    static String snapshot(DSLContext tx) {
        return tx.resultQuery(SNAPSHOT).fetchOne(0, String.class);
    }

    /** Deletes the project's marks whose writes {@code snapshot} saw; later ones stay for the next round. */
    static void consumeMarks(DSLContext tx, long projectId, String snapshot) {
        tx.execute(CONSUME_MARKS, projectId, snapshot);
    }

    /** Deletes all the project's marks (the project is gone). */
    static int dropMarks(DSLContext tx, long projectId) {
        return tx.deleteFrom(HARDNESS_MARKS).where(HARDNESS_MARKS.PROJECT_ID.eq(projectId)).execute();
    }

    static int saveState(DSLContext tx, long projectId, int durationMs, String reference) {
        return tx.execute(SAVE_STATE, projectId, durationMs, reference);
    }
}
