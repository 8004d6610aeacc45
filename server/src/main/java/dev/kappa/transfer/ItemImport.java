package dev.kappa.transfer;

import dev.kappa.assignment.SlotSync;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.LabelSchema;
import dev.kappa.transfer.ImportRepository.Staging;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.List;
import java.util.Set;

import static dev.kappa.db.Tables.PROJECTS;

/**
 * Items: {@code external_id}, {@code data}, optional {@code gold} and {@code meta}. In CSV the {@code external_id} and
 * {@code gold} columns are named and every other column goes into {@code data} as text. Re-importing an external_id
 * updates that item in place (same id, seq and sample_key); an unchanged item is not rewritten at all.
 */
final class ItemImport implements ImportKind<Imported.Items> {
    static final int MAX_EXTERNAL_ID = 500;
    private static final Set<String> FIELDS = Set.of("external_id", "data", "gold", "meta");

    private final long projectId;
    private final LabelSchema schema;
    /** The project had no items when this import was checked (under the project's import lock). */
    private boolean fresh;

    ItemImport(long projectId, LabelSchema schema) {
        this.projectId = projectId;
        this.schema = schema;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("external_id");
    }

    @Override
    public List<String> knownColumns() {
        return null;
    }

    @Override
    public Staging staging() {
        return Staging.ITEMS;
    }

    @Override
    public Object[] row(UploadFields f, long line) {
        f.allowOnly(FIELDS);
        String externalId = f.string("external_id", true, MAX_EXTERNAL_ID);
        Object data;
        Object meta = null;
        if (f.isText()) {
            JsonObject columns = new JsonObject();
            for (String column : f.json().fieldNames()) {
                if (!column.equals("external_id") && !column.equals("gold")) {
                    columns.put(column, f.json().getValue(column));
                }
            }
            data = columns.encode();
            UploadFields.checkJsonText("data", (String) data);
        } else {
            data = f.rawObject("data", true).utf8();
            RawJson m = f.rawObject("meta", false);
            meta = m == null ? null : m.utf8();
        }
        Object gold = f.label("gold", schema, false);
        return new Object[] {line, externalId, data, gold == null ? null : Json.encode(gold), meta,
                SampleKey.of(projectId, externalId)};
    }

    @Override
    public void check(DSLContext tx, BadLines bad) {
        // A project's first import (the usual way a large data set arrives) has nothing to update and lets the unique
        // index find repeats while inserting; the grouping query runs only if it finds one (see apply).
        fresh = ItemImportRepository.projectHasNoItems(tx, projectId);
        if (!fresh) {
            StagingChecks.repeats(tx, Staging.ITEMS, "external_id", "the external_id", bad);
        }
    }

    @Override
    public Imported.Items apply(DSLContext tx, long received) {
        if (received == 0) {
            return counts(0, 0, 0);
        }
        // Two plain statements instead of INSERT ... ON CONFLICT: the speculative insertion that ON CONFLICT does for
        // every row made the write about half again as slow on a million new items. This is safe because item
        // imports of a project hold its lock, and repeats within the file were rejected by check() or, in a fresh
        // project, by the unique index.
        int updated = fresh ? 0 : ItemImportRepository.updateChanged(tx, projectId);
        ProjectsRecord project = tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne();
        // New items go after every existing one, in file order, and get their first slot rows in the same statement.
        long base = fresh ? 0 : ItemImportRepository.lastSeq(tx, projectId);
        if (fresh) {
            ItemImportRepository.savepoint(tx);
        }
        long created;
        try {
            created = ItemImportRepository.insertNew(tx, project, base);
        } catch (DataAccessException e) {
            if (!fresh || !"23505".equals(e.sqlState())) {
                throw e;
            }
            // The file repeats an external_id: list every repeat, as check() does for a project that has items.
            ItemImportRepository.rollbackToSavepoint(tx);
            BadLines bad = new BadLines();
            StagingChecks.repeats(tx, Staging.ITEMS, "external_id", "the external_id", bad);
            throw bad.problem();
        }
        if (updated > 0) {
            // A changed gold label can open or close an item's crowd slots.
            SlotSync.importedItems(tx, project);
        }
        if (created > 0) {
            // Hard-case scores depend on the set of items (random order, the queue); the mark is written here rather
            // than by a trigger, whose transition table would hold every new row a second time (V051).
            ItemImportRepository.markHardness(tx, projectId);
        }
        return counts(received, created, updated);
    }

    private static Imported.Items counts(long items, long created, long updated) {
        return new Imported.Items(items, created, updated, items - created - updated);
    }
}
