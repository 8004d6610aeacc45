package dev.kappa.hardness;

import dev.kappa.analysis.IdIndex;
import dev.kappa.http.RecordJson;
import org.jooq.Cursor;
import org.jooq.DSLContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes one run's hard-case rows. Only rows whose content changed are sent: the content hash of each stored row is
 * read first, so an unchanged row keeps its feed number and an incremental pull does not serve it again. Each
 * writing transaction stamps its rows with the project's next feed number (see V050 on why pulls can trust it).
 */
public final class HardCaseWriter {
    /** Rows per statement: big enough to amortise the round trip, small enough to hold row locks briefly. */
    static final int BATCH = 2000;

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

    /** One row as written. Signals are NaN where not computable (written as null). */
    public record Row(long itemId, double score, double uncertainty, double modelDisagreement,
                      double humanDisagreement, double classWeakness, double goldConflict, int reasons,
                      String predicted, String consensus, String posterior, int answers, boolean modelWrong) {
        /** A 64-bit digest of the content (collisions only cost a missed rewrite with odds of 2^-64). */
        public long hash() {
            long h = 0x9E3779B97F4A7C15L;
            for (double d : new double[] {score, uncertainty, modelDisagreement, humanDisagreement, classWeakness, goldConflict}) {
                h = mix(h, Double.doubleToLongBits(d));
            }
            h = mix(h, reasons);
            h = mix(h, answers * 2L + (modelWrong ? 1 : 0));
            for (String s : new String[] {predicted, consensus, posterior}) {
                h = mix(h, s == null ? 0x5bd1e995L : s.hashCode() * 0x100000001b3L + s.length());
            }
            return h;
        }

        private static long mix(long h, long v) {
            long z = (h ^ v) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    private HardCaseWriter() {
    }

    /** The stored content hash per item position; {@code present} marks positions that have a row. */
    record Stored(long[] hash, boolean[] present) {
    }

    static Stored stored(DSLContext tx, long projectId, long runId, IdIndex items) {
        long[] hash = new long[items.size()];
        boolean[] present = new boolean[items.size()];
        try (Cursor<?> c = tx.resultQuery("select item_id, content_hash from hard_cases where project_id = ? and run_id = ?",
                projectId, runId).fetchSize(10_000).fetchLazy()) {
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

    /**
     * Upserts the rows at the positions {@code changed} (built lazily by {@code row}), each batch in its own
     * transaction through {@code tx}; returns the rows written.
     */
    static int upsert(TxRunner tx, long projectId, long runId, int[] changed, IntFunction<Row> row) {
        int written = 0;
        for (int from = 0; from < changed.length; from += BATCH) {
            List<Row> batch = new ArrayList<>();
            for (int j = from; j < Math.min(changed.length, from + BATCH); j++) {
                batch.add(row.apply(changed[j]));
            }
            written += tx.run(c -> write(c, projectId, runId, batch));
        }
        return written;
    }

    /**
     * Takes the project's next feed number, then writes the rows with it. Call it as the transaction's first write:
     * the feed row stays locked until commit, which is what orders the numbers by commit. Public for tests that write
     * concurrently the way the recompute does.
     */
    public static int write(DSLContext tx, long projectId, long runId, List<Row> rows) {
        long seq = tx.resultQuery("""
                insert into hardness_feed (project_id, last_seq) values (?, 1)
                on conflict (project_id) do update set last_seq = hardness_feed.last_seq + 1
                returning last_seq""", projectId).fetchOne(0, Long.class);
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
            Row r = rows.get(j);
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
        return tx.execute("delete from hard_cases where project_id = ? and run_id = ? and item_id = any(?::bigint[])",
                projectId, runId, Arrays.stream(itemIds).boxed().toArray(Long[]::new));
    }

    /** The consensus support per class key, as stored JSON. */
    static String posterior(dev.kappa.analysis.LabelSpace space, dev.kappa.stats.Consensus c, int answerIndex) {
        java.util.Map<String, Double> support = new java.util.LinkedHashMap<>();
        for (int k = 0; k < space.size(); k++) {
            support.put(space.keys().get(k), c.support(answerIndex, k));
        }
        return RecordJson.encode(support);
    }

    private static Double orNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** Runs one transaction; the recompute passes its own connection's. */
    @FunctionalInterface
    interface TxRunner {
        int run(Work work);

        @FunctionalInterface
        interface Work {
            int apply(DSLContext tx);
        }
    }
}
