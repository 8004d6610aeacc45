package dev.kappa.hardness;

import org.jooq.DSLContext;

/**
 * Queue priorities: items.priority and its copy slots.priority, in one statement, only where they differ. It runs
 * under a short lock_timeout: next-task and submit lock slots and items too (submit takes a slot, then the item), so
 * when a cycle could form this statement gives up first (55P03, or 57014 past the statement_timeout) instead of an
 * annotator's request.
 */
final class PriorityRepository {
    private static final String LOCK_TIMEOUT = "set local lock_timeout = '100ms'";
    private static final String STATEMENT_TIMEOUT = "set local statement_timeout = '5s'";

    private static final String UPDATE = """
            with want as (select * from unnest(?::bigint[], ?::float8[]) as w(item_id, priority)),
            moved as (
              update items i set priority = w.priority from want w
              where i.project_id = ? and i.id = w.item_id and i.priority is distinct from w.priority)
            update slots s set priority = w.priority from want w
            where s.project_id = ? and s.item_id = w.item_id and s.priority is distinct from w.priority
            """;

    private PriorityRepository() {
    }

    /** Sets the priorities of the items {@code ids}; the timeouts last until the end of {@code tx}. */
    static int update(DSLContext tx, long projectId, Long[] ids, Double[] priorities) {
        tx.execute(LOCK_TIMEOUT);
        tx.execute(STATEMENT_TIMEOUT);
        return tx.execute(UPDATE, ids, priorities, projectId, projectId);
    }
}
