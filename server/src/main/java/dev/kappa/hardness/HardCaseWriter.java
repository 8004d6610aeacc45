package dev.kappa.hardness;

import dev.kappa.http.RecordJson;
import org.jooq.DSLContext;

import java.util.ArrayList;
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
        long seq = HardCaseWriteRepository.nextSeq(tx, projectId);
        return HardCaseWriteRepository.upsert(tx, projectId, runId, seq, rows);
    }

    /** The consensus support per class key, as stored JSON. */
    static String posterior(dev.kappa.analysis.LabelSpace space, dev.kappa.stats.Consensus c, int answerIndex) {
        java.util.Map<String, Double> support = new java.util.LinkedHashMap<>();
        for (int k = 0; k < space.size(); k++) {
            support.put(space.keys().get(k), c.support(answerIndex, k));
        }
        return RecordJson.encode(support);
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
