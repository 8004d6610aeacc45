package dev.kappa.project;

import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import static dev.kappa.db.Tables.PROJECTS;
import static dev.kappa.db.Tables.PROJECT_MANAGERS;
import static dev.kappa.db.Tables.PROJECT_MEMBERS;

/**
 * Who may see and manage a project; every feature that takes a project id asks here first.
 * Admins see and manage every project. Engineers see and manage the projects they manage (they created it, or were
 * added as a manager); annotators see the projects they are members of. Any other id answers 404 exactly as a missing
 * one does, so ids never leak between teams. An annotator who is a member but asks for a manager's operation gets 403.
 */
public final class ProjectAccess {
    private ProjectAccess() {
    }

    /** The project if the caller may see it; 404 otherwise. */
    public static ProjectsRecord visible(DSLContext tx, Principal p, long projectId) {
        // One round trip: this runs on every next-task and submit.
        var row = tx.select(PROJECTS.fields()).select(DSL.field(relation(p)).as("related"))
                .from(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne();
        if (row == null || !row.get("related", Boolean.class)) {
            throw Problems.notFound("project " + projectId);
        }
        return row.into(PROJECTS);
    }

    /**
     * The caller's tie to the PROJECTS row in scope: admins always have one, engineers by managing it, annotators by
     * membership.
     */
    private static Condition relation(Principal p) {
        return switch (p.role()) {
            case ADMIN -> DSL.trueCondition();
            case ENGINEER -> DSL.exists(DSL.selectOne().from(PROJECT_MANAGERS)
                    .where(PROJECT_MANAGERS.PROJECT_ID.eq(PROJECTS.ID), PROJECT_MANAGERS.USER_ID.eq(p.userId())));
            // Annotators do not see archived projects at all (no tasks, no reads): archiving hides without deleting.
            default -> PROJECTS.ARCHIVED_AT.isNull().and(DSL.exists(DSL.selectOne().from(PROJECT_MEMBERS)
                    .where(PROJECT_MEMBERS.PROJECT_ID.eq(PROJECTS.ID), PROJECT_MEMBERS.USER_ID.eq(p.userId()))));
        };
    }

    /** The project if the caller is an admin or one of its managers; 404 if they cannot see it, 403 if they only label in it. */
    public static ProjectsRecord requireManager(DSLContext tx, Principal p, long projectId) {
        ProjectsRecord project = visible(tx, p, projectId);
        if (!p.role().manages()) {
            throw Problems.forbidden("Only engineers and admins may do this in project " + projectId);
        }
        return project;
    }

    /**
     * As {@link #requireManager}, and holds a share lock on the project row until the transaction ends, so its schema
     * cannot change (PATCH takes the row lock) while labels are being checked and written against it.
     */
    public static ProjectsRecord requireManagerForWrite(DSLContext tx, Principal p, long projectId) {
        requireManager(tx, p, projectId);
        return lockSchema(tx, projectId);
    }

    /**
     * The project, share-locked until the transaction ends: call it before checking labels against the schema and
     * writing them (gold, answers, predictions), so that a PATCH cannot remove a label between the check and the
     * write. PATCH takes the conflicting row lock and waits, or is waited for.
     */
    public static ProjectsRecord lockSchema(DSLContext tx, long projectId) {
        return tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).forShare().fetchOne();
    }

    public static boolean isMember(DSLContext tx, long projectId, long userId) {
        return tx.fetchExists(PROJECT_MEMBERS, PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.eq(userId));
    }

    /** The listing filter matching {@link #visible}. */
    public static Condition visibleProjects(Principal p) {
        return relation(p);
    }

    /** Whether the project's managers have paused this member here (next-task then has nothing for them). */
    public static boolean pausedHere(DSLContext tx, Principal p, long projectId) {
        return tx.fetchExists(PROJECT_MEMBERS, PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.eq(p.userId()),
                PROJECT_MEMBERS.PAUSED_AT.isNotNull());
    }

    /** Gold is for checking annotators: only managers ever see it. */
    public static boolean seesGold(Principal p) {
        return p.role().manages();
    }

    /** Model predictions are shown to annotators only when the project pre-annotates. */
    public static boolean seesPredictions(Principal p, ProjectsRecord project) {
        return p.role().manages() || project.getPreAnnotation();
    }
}
