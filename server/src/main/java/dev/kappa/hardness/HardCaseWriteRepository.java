package dev.kappa.hardness;

import dev.kappa.analysis.IdIndex;
import org.jooq.Cursor;
import org.jooq.DSLContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The write side of hard cases (V050 hard_cases, hardness_feed): the stored content hashes, the feed number, the
 * bulk upsert of a batch of rows as arrays unnested in one statement, and the delete of rows no longer predicted.
 */
final class HardCaseWriteRepository {
    private static final String STORED =
            "select item_id, content_hash from hard_cases where project_id = ? and run_id = ?";

    private static final String NEXT_SEQ = """
            insert into hardness_feed (project_id, last_seq) values (?, 1)
            on conflict (project_id) do update set last_seq = hardness_feed.last_seq + 1
            returning last_seq""";

    /** Rows whose content hash is unchanged are left as they are, so they keep their feed number. */
    private static final String UPSERT = """
            insert into hard_cases as h (project_id, run_id, item_id, score, uncertainty, model_disagreement,
              human_disagreement, class_weakness, gold_conflict, reasons, predicted, consensus, posterior, answers,
              model_wrong, content_hash, seq)
            select ?, ?, t.item_id, t.score, t.u, t.md, t.hd, t.cw, t.gc, string_to_array(t.reasons, ','), t.predicted,
              t.consensus, t.posterior::jsonb, t.answers, t.wrong, t.hash, ?
            from unnest(?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[], ?::bigint[])
              as t(item_id, score, u, md, hd, cw, gc, reasons, predicted, consensus, posterior, answers, wrong, hash)
            on conflict (project_id, run_id, item_id) do update set
              score = excluded.score, uncertainty = excluded.uncertainty, model_disagreement = excluded.model_disagreement,
              human_disagreement = excluded.human_disagreement, class_weakness = excluded.class_weakness,
              gold_conflict = excluded.gold_conflict, reasons = excluded.reasons, predicted = excluded.predicted,
              consensus = excluded.consensus, posterior = excluded.posterior, answers = excluded.answers,
              model_wrong = excluded.model_wrong, content_hash = excluded.content_hash, seq = excluded.seq
            where h.content_hash <> excluded.content_hash
            """;

    private static final String DELETE =
            "delete from hard_cases where project_id = ? and run_id = ? and item_id = any(?::bigint[])";

    private HardCaseWriteRepository() {
    }

    /** The stored content hash per item position; {@code present} marks positions that have a row. */
    record Stored(long[] hash, boolean[] present) {
    }

    static Stored stored(DSLContext tx, long projectId, long runId, IdIndex items) {
        long[] hash = new long[items.size()];
        boolean[] present = new boolean[items.size()];
        try (Cursor<?> c = tx.resultQuery(STORED, projectId, runId).fetchSize(10_000).fetchLazy()) {
            ResultSet rs = c.resultSet();
            while (rs.next()) {
                int p = items.indexOf(rs.getLong(1));
                if (p >= 0) {
                    hash[p] = rs.getLong(2);
                    present[p] = true;
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading hard cases of run " + runId, e);
        }
        return new Stored(hash, present);
    }

    /** Takes the project's next feed number; its feed row stays locked until the transaction ends. */
    static long nextSeq(DSLContext tx, long projectId) {
        return tx.resultQuery(NEXT_SEQ, projectId).fetchOne(0, Long.class);
    }

    /** Upserts {@code rows} stamped with feed number {@code seq}; returns the rows written. */
    static int upsert(DSLContext tx, long projectId, long runId, long seq, List<HardCaseWriter.Row> rows) {
        int n = rows.size();
        Long[] item = new Long[n];
        Double[] score = new Double[n];
        Double[] u = new Double[n];
        Double[] md = new Double[n];
        Double[] hd = new Double[n];
        Double[] cw = new Double[n];
        Double[] gc = new Double[n];
        String[] reasons = new String[n];
        String[] predicted = new String[n];
        String[] consensus = new String[n];
        String[] posterior = new String[n];
        Integer[] answers = new Integer[n];
        Boolean[] wrong = new Boolean[n];
        Long[] hash = new Long[n];
        for (int j = 0; j < n; j++) {
            HardCaseWriter.Row r = rows.get(j);
            item[j] = r.itemId();
            score[j] = r.score();
            u[j] = orNull(r.uncertainty());
            md[j] = orNull(r.modelDisagreement());
            hd[j] = orNull(r.humanDisagreement());
            cw[j] = orNull(r.classWeakness());
            gc[j] = orNull(r.goldConflict());
            reasons[j] = String.join(",", Reason.keys(r.reasons()));
            predicted[j] = r.predicted();
            consensus[j] = r.consensus();
            posterior[j] = r.posterior();
            answers[j] = r.answers();
            wrong[j] = r.modelWrong();
            hash[j] = r.hash();
        }
        return tx.execute(UPSERT, projectId, runId, seq, item, score, u, md, hd, cw, gc, reasons, predicted, consensus,
                posterior, answers, wrong, hash);
    }

    /** Deletes the rows of items the run no longer predicts. */
    static int delete(DSLContext tx, long projectId, long runId, long[] itemIds) {
        if (itemIds.length == 0) {
            return 0;
        }
        return tx.execute(DELETE, projectId, runId, Arrays.stream(itemIds).boxed().toArray(Long[]::new));
    }

    private static Double orNull(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
