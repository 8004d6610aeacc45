package dev.kappa.hardness;

import java.util.Arrays;

/**
 * Writes queue priorities in batches, one transaction each, only for items whose priority changed. A batch gives
 * way to annotators' requests when their locks are in its path ({@link PriorityRepository}): the project stays dirty
 * and the next round retries.
 */
final class PriorityWriter {
    static final int BATCH = 500;

    private PriorityWriter() {
    }

    /** Returns the number of items whose priority changed. */
    static int write(HardCaseWriter.TxRunner runner, long projectId, long[] itemIds, double[] current, double[] wanted) {
        int[] changed = new int[itemIds.length];
        int n = 0;
        for (int p = 0; p < itemIds.length; p++) {
            if (Double.compare(current[p], wanted[p]) != 0) {
                changed[n++] = p;
            }
        }
        for (int from = 0; from < n; from += BATCH) {
            int[] batch = Arrays.copyOfRange(changed, from, Math.min(n, from + BATCH));
            Long[] ids = new Long[batch.length];
            Double[] priorities = new Double[batch.length];
            for (int j = 0; j < batch.length; j++) {
                ids[j] = itemIds[batch[j]];
                priorities[j] = wanted[batch[j]];
            }
            runner.run(tx -> PriorityRepository.update(tx, projectId, ids, priorities));
        }
        return n;
    }
}
