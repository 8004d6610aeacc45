package dev.kappa.transfer;

import dev.kappa.assignment.SlotSync;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import static dev.kappa.db.Tables.HARDNESS_MARKS;
import static dev.kappa.db.Tables.ITEMS;

/**
 * The statements of an item upload, from the import_items staging table. An update of the items the file changes,
 * then an insert of the new ones, rather than INSERT ... ON CONFLICT: ItemImport.apply says why that is faster and safe.
 */
final class ItemImportRepository {
    private ItemImportRepository() {
    }

    static boolean projectHasNoItems(DSLContext tx, long projectId) {
        return !tx.fetchExists(ITEMS, ITEMS.PROJECT_ID.eq(projectId));
    }

    /** Rewrites the project's items whose data, gold or meta the file changes; an unchanged item is not touched. */
    static int updateChanged(DSLContext tx, long projectId) {
        return tx.execute("""
                update items i set data = s.data, gold = s.gold, meta = s.meta, updated_at = now()
                from import_items s
                where i.project_id = ? and i.external_id = s.external_id
                  and (i.data, i.gold, i.meta) is distinct from (s.data, s.gold, s.meta)""", projectId);
    }

    static long lastSeq(DSLContext tx, long projectId) {
        return tx.select(DSL.coalesce(DSL.max(ITEMS.SEQ), 0L)).from(ITEMS).where(ITEMS.PROJECT_ID.eq(projectId)).fetchSingle().value1();
    }

    /** A savepoint to return to when a fresh project's insert meets a repeated external_id. */
    static void savepoint(DSLContext tx) {
        tx.execute("savepoint fresh_import");
    }

    static void rollbackToSavepoint(DSLContext tx) {
        tx.execute("rollback to savepoint fresh_import");
    }

    /**
     * Inserts the staged items the project does not have yet, numbered after {@code base} in file order, with their
     * first slot rows in the same statement; answers how many.
     */
    static long insertNew(DSLContext tx, ProjectsRecord project, long base) {
        return tx.fetchOne("""
                with new_items as (
                  insert into items (project_id, external_id, data, gold, meta, seq, sample_key)
                  select {0}, s.external_id, s.data, s.gold, s.meta, {1} + s.line, s.sample_key from import_items s
                  where not exists (select 1 from items i where i.project_id = {0} and i.external_id = s.external_id)
                  returning project_id, id, gold, sample_key, escalated_at, priority, seq){2}
                select count(*) from new_items""",
                DSL.val(project.getId()), DSL.val(base), SlotSync.firstSlotsOf("new_items", project)).get(0, Long.class);
    }

    static void markHardness(DSLContext tx, long projectId) {
        tx.insertInto(HARDNESS_MARKS, HARDNESS_MARKS.PROJECT_ID).values(projectId).onConflictDoNothing().execute();
    }
}
