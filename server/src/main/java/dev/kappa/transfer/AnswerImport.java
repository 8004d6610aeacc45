package dev.kappa.transfer;

import dev.kappa.assignment.ImportedAnswers;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.LabelSchema;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Past answers from other tools: {@code item}, {@code annotator} (that tool's worker id), {@code tier},
 * {@code label}, optional {@code duration_ms} and {@code created_at}. Unknown workers become external workers
 * (annotators with no email and no password). Every line becomes an answer: repeats by the same worker on the same
 * item are kept, because real exports contain them and the statistics count each one.
 * <p>
 * By default past answers are answers (issue 14): each takes a slot of its tier, and escalation is judged once over
 * the touched items when all rows are in ({@link ImportedAnswers}). With {@code fill_slots=false} they are kept out of
 * the queue, as before: stored for the statistics only.
 */
final class AnswerImport implements ImportKind<Imported.Answers> {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AnswerImport.class.getName());
    private static final Set<String> FIELDS = Set.of("item", "annotator", "tier", "label", "duration_ms", "created_at");
    private static final Set<String> TIERS = Set.of("crowd", "expert");

    private final ProjectsRecord project;
    private final long projectId;
    private final LabelSchema schema;
    private final boolean fillSlots;
    /** The tier of lines that give none (the request's {@code tier}); null makes the tier required on every line. */
    private final String defaultTier;

    AnswerImport(ProjectsRecord project, LabelSchema schema, boolean fillSlots, String defaultTier) {
        this.project = project;
        this.projectId = project.getId();
        this.schema = schema;
        this.fillSlots = fillSlots;
        this.defaultTier = defaultTier;
    }

    @Override
    public List<String> requiredColumns() {
        return defaultTier == null ? List.of("item", "annotator", "tier", "label") : List.of("item", "annotator", "label");
    }

    @Override
    public List<String> knownColumns() {
        return List.of("item", "annotator", "tier", "label", "duration_ms", "created_at");
    }

    @Override
    public String stagingTable() {
        return "create temp table import_answers (line bigint, item text, annotator text, tier text, label jsonb,"
                + " duration_ms int, created_at timestamptz) on commit drop";
    }

    @Override
    public String copyCommand() {
        return "copy import_answers (line, item, annotator, tier, label, duration_ms, created_at) from stdin";
    }

    @Override
    public Object[] row(UploadFields f, long line) {
        f.allowOnly(FIELDS);
        String item = f.string("item", true, ItemImport.MAX_EXTERNAL_ID);
        String annotator = f.string("annotator", true, 200);
        String tier = f.string("tier", defaultTier == null, 16);
        if (tier == null) {
            tier = defaultTier;
        }
        if (!TIERS.contains(tier)) {
            throw new BadField("tier", "must be crowd or expert, got '" + tier + "'");
        }
        Object label = f.label("label", schema, true);
        Long duration = f.integer("duration_ms", 0, Integer.MAX_VALUE);
        OffsetDateTime at = f.time("created_at");
        return new Object[] {line, item, annotator, tier, Json.encode(label), duration, at == null ? null : at.toString()};
    }

    @Override
    public void check(DSLContext tx, BadLines bad) {
        StagingChecks.unknownItems(tx, "import_answers", projectId, bad);
        for (Record r : tx.fetch("""
                select s.line, s.annotator, u.role from import_answers s join users u on u.external_id = s.annotator
                where u.role <> 'annotator' order by s.line limit ?""", BadLines.LIMIT)) {
            bad.add(r.get("line", Long.class), "annotator", "the user with external id '" + r.get("annotator")
                    + "' is an " + r.get("role") + ", not an annotator");
        }
    }

    @Override
    public Imported.Answers apply(DSLContext tx, long received) {
        // A new worker takes the tier of their first line; each answer keeps the tier its own line gives.
        int workers = tx.execute("""
                insert into users (display_name, role, tier, external_id)
                select distinct on (annotator) annotator, 'annotator', tier, annotator from import_answers order by annotator, line
                on conflict (external_id) where external_id is not null do nothing""");
        String insert = """
                insert into answers (project_id, item_id, annotator_id, tier, label, duration_ms, source, created_at)
                select ?, i.id, u.id, s.tier, s.label, s.duration_ms, 'import', coalesce(s.created_at, now())
                from import_answers s
                join items i on i.project_id = ? and i.external_id = s.item
                join users u on u.external_id = s.annotator
                order by s.line""";
        if (!fillSlots) {
            int answers = tx.execute(insert, projectId, projectId);
            return new Imported.Answers(answers, workers, false);
        }
        tx.execute("""
                create temp table import_touched on commit drop as
                select distinct i.id as item_id from import_answers s join items i on i.project_id = ? and i.external_id = s.item""", projectId);
        ImportedAnswers.Fragment slots = ImportedAnswers.takeSlots("ins", "import_touched", project);
        Object[] binds = new Object[2 + slots.binds().length];
        binds[0] = projectId;
        binds[1] = projectId;
        System.arraycopy(slots.binds(), 0, binds, 2, slots.binds().length);
        // The staging and touched tables are fresh temporary tables without statistics: with nested loops the planner
        // would probe slots once per imported answer. Hash joins are right at any size here (see SlotSync.bulk).
        tx.execute("set local enable_nestloop = off");
        // Nor merge joins: the CTEs' row estimates are guesses (40,000 for a million), and a merge join of the ranked
        // answers with the free slots sorted a million 190-byte rows on disk (1 s of the statement, auto_explain).
        tx.execute("set local enable_mergejoin = off");
        long t0 = System.nanoTime();
        int answers = tx.fetchOne("with ins as (" + insert + " returning id, item_id, annotator_id, tier, created_at)" + slots.sql()
                + " select count(*)::int from ins", binds).get(0, Integer.class);
        tx.execute("set local enable_nestloop to default");
        tx.execute("set local enable_mergejoin to default");
        long t1 = System.nanoTime();
        ImportedAnswers.settle(tx, project, "import_touched");
        LOG.info(() -> String.format("answer import into project %d: %d answers with their slots in %d ms, queue settled in %d ms",
                projectId, answers, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
        return new Imported.Answers(answers, workers, true);
    }
}
