package dev.kappa.project;

import dev.kappa.db.tables.records.ProjectsRecord;
import io.vertx.core.json.Json;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.PREDICTIONS;
import static dev.kappa.db.Tables.PROJECTS;

/** SQL for projects. */
final class ProjectRepository {
    private ProjectRepository() {
    }

    static long insert(DSLContext tx, Map<TableField<ProjectsRecord, ?>, Object> columns, long createdBy) {
        return tx.insertInto(PROJECTS).set(columns).set(PROJECTS.CREATED_BY, createdBy)
                .returning(PROJECTS.ID).fetchOne(PROJECTS.ID);
    }

    /**
     * The project row locked against concurrent changes and uploads until the transaction ends. FOR NO KEY UPDATE,
     * not FOR UPDATE: it waits for writers holding {@link ProjectAccess#lockSchema}'s share lock, but not for the
     * key-share locks that every insert of an item or answer takes through its foreign key.
     */
    static ProjectsRecord lockForUpdate(DSLContext tx, long id) {
        return tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).forNoKeyUpdate().fetchOne();
    }

    static ProjectsRecord find(DSLContext tx, long id) {
        return tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOne();
    }

    static void update(DSLContext tx, long id, Map<TableField<ProjectsRecord, ?>, Object> columns) {
        tx.update(PROJECTS).set(columns).set(PROJECTS.UPDATED_AT, OffsetDateTime.now()).where(PROJECTS.ID.eq(id)).execute();
    }

    static void setArchived(DSLContext tx, long id, boolean archived) {
        tx.update(PROJECTS).set(PROJECTS.ARCHIVED_AT, archived ? DSL.coalesce(PROJECTS.ARCHIVED_AT, DSL.currentOffsetDateTime()) : DSL.inline((OffsetDateTime) null))
                .set(PROJECTS.UPDATED_AT, OffsetDateTime.now()).where(PROJECTS.ID.eq(id)).execute();
    }

    /** Keyset page by id. */
    static List<ProjectsRecord> page(DSLContext tx, Condition visible, long after, int limit) {
        return tx.selectFrom(PROJECTS).where(visible, PROJECTS.ID.gt(after)).orderBy(PROJECTS.ID).limit(limit).fetch();
    }

    /** Where a stored label value is used in the project ("gold", "answers", "predictions"), or null if nowhere. */
    static String labelUse(DSLContext tx, long projectId, Object stored) {
        JSONB scalar = JSONB.valueOf(Json.encode(stored));
        JSONB inArray = JSONB.valueOf("[" + Json.encode(stored) + "]");
        if (uses(tx, ITEMS, ITEMS.PROJECT_ID, ITEMS.GOLD, projectId, scalar, inArray)) {
            return "gold";
        }
        if (uses(tx, ANSWERS, ANSWERS.PROJECT_ID, ANSWERS.LABEL, projectId, scalar, inArray)) {
            return "answers";
        }
        if (uses(tx, PREDICTIONS, PREDICTIONS.PROJECT_ID, PREDICTIONS.LABEL, projectId, scalar, inArray)) {
            return "predictions";
        }
        return null;
    }

    /** Whether any label at all is stored: the schema's kind can change only before that. */
    static boolean anyLabelUse(DSLContext tx, long projectId) {
        return tx.fetchExists(ITEMS, ITEMS.PROJECT_ID.eq(projectId), ITEMS.GOLD.isNotNull())
                || tx.fetchExists(ANSWERS, ANSWERS.PROJECT_ID.eq(projectId))
                || tx.fetchExists(PREDICTIONS, PREDICTIONS.PROJECT_ID.eq(projectId));
    }

    /** A label is used where it is the whole value (single, rating) or one element of it (multi). */
    private static boolean uses(DSLContext tx, Table<?> table, Field<Long> project, Field<JSONB> label, long projectId,
                                JSONB scalar, JSONB inArray) {
        return tx.fetchExists(DSL.selectOne().from(table).where(project.eq(projectId),
                label.eq(scalar).or(DSL.condition("{0} @> {1}", label, DSL.val(inArray)))));
    }
}
