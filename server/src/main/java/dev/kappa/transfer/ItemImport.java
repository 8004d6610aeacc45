package dev.kappa.transfer;

import dev.kappa.assignment.SlotSync;
import dev.kappa.project.LabelSchema;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

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
        JsonObject data;
        String meta = null;
        if (f.isText()) {
            data = new JsonObject();
            for (String column : f.json().fieldNames()) {
                if (!column.equals("external_id") && !column.equals("gold")) {
                    data.put(column, f.json().getValue(column));
                }
            }
        } else {
            data = f.object("data", true);
            JsonObject m = f.object("meta", false);
            meta = m == null ? null : m.encode();
        }
        Object gold = f.label("gold", schema, false);
        String dataText = data.encode();
        Fields.checkJsonText("data", dataText);
        if (meta != null) {
            Fields.checkJsonText("meta", meta);
        }
        return new Object[] {line, externalId, dataText, gold == null ? null : Json.encode(gold), meta,
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
        // New items go after every existing one, in file order; the per-project lock the caller holds keeps seq unique.
        long base = tx.fetchOne("select coalesce(max(seq), 0) from items where project_id = ?", projectId).get(0, Long.class);
        Record r = tx.fetchOne("""
                with up as (
                  insert into items as i (project_id, external_id, data, gold, meta, seq, sample_key)
                  select ?, s.external_id, s.data, s.gold, s.meta, ? + s.line, s.sample_key from import_items s
                  on conflict (project_id, external_id) do update
                    set data = excluded.data, gold = excluded.gold, meta = excluded.meta, updated_at = now()
                    where (i.data, i.gold, i.meta) is distinct from (excluded.data, excluded.gold, excluded.meta)
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated from up""",
                projectId, base);
        long created = r.get("created", Long.class);
        long updated = r.get("updated", Long.class);
        // New and changed items get their slots in this same transaction (changed gold can change them).
        SlotSync.importedItems(tx, tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne());
        return counts(received, created, updated);
    }

    private static JsonObject counts(long items, long created, long updated) {
        return new JsonObject().put("items", items).put("created", created).put("updated", updated)
                .put("unchanged", items - created - updated);
    }
}
