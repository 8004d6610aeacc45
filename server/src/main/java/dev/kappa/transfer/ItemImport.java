package dev.kappa.transfer;

import dev.kappa.assignment.SlotSync;
import dev.kappa.project.LabelSchema;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Set;

import static dev.kappa.db.Tables.PROJECTS;

/**
 * Items: {@code external_id}, {@code data}, optional {@code gold} and {@code meta}. In CSV the {@code external_id} and
 * {@code gold} columns are named and every other column goes into {@code data} as text. Re-importing an external_id
 * updates that item in place (same id, seq and sample_key); an unchanged item is not rewritten at all.
 */
final class ItemImport implements ImportKind {
    static final int MAX_EXTERNAL_ID = 500;
    private static final Set<String> FIELDS = Set.of("external_id", "data", "gold", "meta");

    private final long projectId;
    private final LabelSchema schema;

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
    public String stagingTable() {
        return "create temp table import_items (line bigint, external_id text, data jsonb, gold jsonb, meta jsonb,"
                + " sample_key double precision) on commit drop";
    }

    @Override
    public String copyCommand() {
        return "copy import_items (line, external_id, data, gold, meta, sample_key) from stdin";
    }

    @Override
    public Object[] row(Fields f, long line) {
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
            Fields.checkJsonText("data", (String) data);
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
        References.repeats(tx, "import_items", "external_id", "the external_id", bad);
    }

    @Override
    public JsonObject apply(DSLContext tx, long received) {
        if (received == 0) {
            return counts(0, 0, 0);
        }
        // Two plain statements instead of INSERT ... ON CONFLICT: the speculative insertion that ON CONFLICT does for
        // every row made the write about half again as slow on a million new items. This is safe because item
        // imports of a project hold its lock, and repeats within the file were rejected by check().
        int updated = tx.execute("""
                update items i set data = s.data, gold = s.gold, meta = s.meta, updated_at = now()
                from import_items s
                where i.project_id = ? and i.external_id = s.external_id
                  and (i.data, i.gold, i.meta) is distinct from (s.data, s.gold, s.meta)""", projectId);
        // New items go after every existing one, in file order.
        long base = tx.fetchOne("select coalesce(max(seq), 0) from items where project_id = ?", projectId).get(0, Long.class);
        int created = tx.execute("""
                insert into items (project_id, external_id, data, gold, meta, seq, sample_key)
                select ?, s.external_id, s.data, s.gold, s.meta, ? + s.line, s.sample_key from import_items s
                where not exists (select 1 from items i where i.project_id = ? and i.external_id = s.external_id)""",
                projectId, base, projectId);
        // New and changed items get their slots in this same transaction (changed gold can change them).
        SlotSync.importedItems(tx, tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne());
        return counts(received, created, updated);
    }

    private static JsonObject counts(long items, long created, long updated) {
        return new JsonObject().put("items", items).put("created", created).put("updated", updated)
                .put("unchanged", items - created - updated);
    }
}
