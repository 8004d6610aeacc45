package dev.kappa.hardness;

import java.util.Arrays;

/**
 * Writes queue priorities: items.priority and its copy slots.priority, in one statement per batch, only for items
 * whose priority changed. The statement runs under a short lock_timeout: next-task and submit lock slots and items
 * too (submit takes a slot, then the item), so when a cycle could form this writer gives up first instead of an
 * annotator's request; the project stays dirty and the next round retries.
 */
final class PriorityWriter {
    static final int BATCH = 500;

    private static final String UPDATE = """
            with want as (select * from unnest(?::bigint[], ?::float8[]) as w(item_id, priority)),
            moved as (
              update items i set priority = w.priority from want w
              where i.project_id = ? and i.id = w.item_id and i.priority is distinct from w.priority)
            update slots s set priority = w.priority from want w
            where s.project_id = ? and s.item_id = w.item_id and s.priority is distinct from w.priority
            """;

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
            runner.run(tx -> {
                tx.execute("set local lock_timeout = '100ms'");
                tx.execute("set local statement_timeout = '5s'");
                return tx.execute(UPDATE, ids, priorities, projectId, projectId);
            });
        }
        return n;
    }
}
