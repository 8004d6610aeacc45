package dev.kappa.transfer;

import dev.kappa.assignment.ImportedAnswers;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

import java.util.List;

/** The statements of a past-answer upload, from the import_answers staging table. */
final class AnswerImportRepository {
    /** The table of the item ids the upload touches, made by {@link #collectTouched}, for settling the queue. */
    static final String TOUCHED = "import_touched";

    private static final String INSERT_ANSWERS = """
            insert into answers (project_id, item_id, annotator_id, tier, label, duration_ms, source, created_at)
            select ?, i.id, u.id, s.tier, s.label, s.duration_ms, 'import', coalesce(s.created_at, now())
            from import_answers s
            join items i on i.project_id = ? and i.external_id = s.item
            join users u on u.external_id = s.annotator
            order by s.line""";

    /** A staged line whose annotator is a user with another role. */
    record NotAnAnnotator(long line, String externalId, String role) {
    }

    private AnswerImportRepository() {
    }

    static List<NotAnAnnotator> notAnnotators(DSLContext tx, int limit) {
        return tx.fetch("""
                select s.line, s.annotator, u.role from import_answers s join users u on u.external_id = s.annotator
                where u.role <> 'annotator' order by s.line limit ?""", limit)
                .map(r -> new NotAnAnnotator(r.get("line", Long.class), r.get("annotator", String.class), r.get("role", String.class)));
    }

    /** Unknown workers become external workers; answers how many were new. */
    static int insertWorkers(DSLContext tx) {
        // A new worker takes the tier of their first line; each answer keeps the tier its own line gives.
        return tx.execute("""
                insert into users (display_name, role, tier, external_id)
                select distinct on (annotator) annotator, 'annotator', tier, annotator from import_answers order by annotator, line
                on conflict (external_id) where external_id is not null do nothing""");
    }

    /** Every staged line as an answer that takes no slot; answers how many. */
    static int insertAnswers(DSLContext tx, long projectId) {
        return tx.execute(INSERT_ANSWERS, projectId, projectId);
    }

    static void collectTouched(DSLContext tx, long projectId) {
        tx.execute("""
                create temp table import_touched on commit drop as
                select distinct i.id as item_id from import_answers s join items i on i.project_id = ? and i.external_id = s.item""", projectId);
    }

    /** Every staged line as an answer that takes a slot of its tier ({@link ImportedAnswers#takeSlots}); answers how many. */
    static int insertAnswersWithSlots(DSLContext tx, ProjectsRecord project) {
        long projectId = project.getId();
        ImportedAnswers.Fragment slots = ImportedAnswers.takeSlots("ins", TOUCHED, project);
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
        // The statement is put together from code only (this class's insert, the slot CTEs); every value is bound.
        int answers = tx.fetchOne("with ins as (" + INSERT_ANSWERS + " returning id, item_id, annotator_id, tier, created_at)" + slots.sql()
                + " select count(*)::int from ins", binds).get(0, Integer.class);
        tx.execute("set local enable_nestloop to default");
        tx.execute("set local enable_mergejoin to default");
        return answers;
    }
}
