package dev.kappa.transfer;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements every upload shares: the project's import lock, the staging tables records are copied into, and the
 * checks run over them before anything is written. Staging table and column names are constants of this package (the
 * {@link Staging} enum, the kinds' column names), never input, so they are written into the text; values are bound.
 */
final class ImportRepository {
    /** One kind's staging table: created in the upload's transaction, filled by COPY in the order its row() gives. */
    enum Staging {
        ITEMS("import_items", "line bigint, external_id text, data jsonb, gold jsonb, meta jsonb, sample_key double precision"),
        PREDICTIONS("import_predictions", "line bigint, item text, label jsonb, probs jsonb, score double precision"),
        ANSWERS("import_answers",
                "line bigint, item text, annotator text, tier text, label jsonb, duration_ms int, created_at timestamptz");

        private final String table;
        private final String create;
        private final String copy;

        /** {@code columns}: each column's name and type, in COPY order; the COPY lists the names. */
        Staging(String table, String columns) {
            this.table = table;
            this.create = "create temp table " + table + " (" + columns + ") on commit drop";
            String names = Arrays.stream(columns.split(",")).map(c -> c.trim().split(" ")[0]).collect(Collectors.joining(", "));
            this.copy = "copy " + table + " (" + names + ") from stdin";
        }
    }

    /** A staged line whose item no item of the project has as external_id. */
    record UnknownItem(long line, String item) {
    }

    /** A value staged on more than one line, the lines in order. */
    record Repeat(String value, Long[] lines) {
    }

    private ImportRepository() {
    }

    /** A transaction-scoped advisory lock per project (see ImportService for who takes it). */
    static void lockItemImports(DSLContext tx, long projectId) {
        tx.fetch("select pg_advisory_xact_lock(hashtext('kappa.item-import'), ?::int)", (int) (projectId % Integer.MAX_VALUE));
    }

    static void createStaging(DSLContext tx, Staging staging) {
        tx.execute(staging.create);
    }

    /** Opens the COPY into the staging table on the transaction's own connection. */
    static CopyIn copyIn(Connection conn, Staging staging) throws SQLException {
        return conn.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.copy);
    }

    static List<UnknownItem> unknownItems(DSLContext tx, Staging staging, long projectId, int limit) {
        return tx.fetch("select s.line, s.item from " + staging.table + " s where not exists (select 1 from items i"
                        + " where i.project_id = ? and i.external_id = s.item) order by s.line limit ?", projectId, limit)
                .map(r -> new UnknownItem(r.get("line", Long.class), r.get("item", String.class)));
    }

    /** {@code column} is the kind's key column, a constant of its caller. */
    static List<Repeat> repeats(DSLContext tx, Staging staging, String column, int limit) {
        return tx.fetch("select " + column + " as v, array_agg(line order by line) as lines from " + staging.table
                        + " group by " + column + " having count(*) > 1 order by min(line) limit ?", limit)
                .map(r -> new Repeat(r.get("v", String.class), r.get("lines", Long[].class)));
    }
}
