package dev.kappa.project;

import org.jooq.DSLContext;

import java.util.List;

import static dev.kappa.db.Tables.PROJECT_MANAGERS;
import static dev.kappa.db.Tables.USERS;

/** SQL for a project's managers. */
final class ManagerRepository {
    private ManagerRepository() {
    }

    /** True if the user was not a manager yet. */
    static boolean add(DSLContext tx, long projectId, long userId, long addedBy) {
        return tx.insertInto(PROJECT_MANAGERS).set(PROJECT_MANAGERS.PROJECT_ID, projectId).set(PROJECT_MANAGERS.USER_ID, userId)
                .set(PROJECT_MANAGERS.ADDED_BY, addedBy).onConflictDoNothing().execute() == 1;
    }

    static boolean remove(DSLContext tx, long projectId, long userId) {
        return tx.deleteFrom(PROJECT_MANAGERS).where(PROJECT_MANAGERS.PROJECT_ID.eq(projectId), PROJECT_MANAGERS.USER_ID.eq(userId)).execute() == 1;
    }

    /** The managers, locked, so two removals cannot both leave the other one as "the last". */
    static int lockCount(DSLContext tx, long projectId) {
        return tx.selectFrom(PROJECT_MANAGERS).where(PROJECT_MANAGERS.PROJECT_ID.eq(projectId)).forUpdate().fetch().size();
    }

    static List<Manager> list(DSLContext tx, long projectId) {
        return tx.select(PROJECT_MANAGERS.USER_ID, USERS.EMAIL, USERS.DISPLAY_NAME, PROJECT_MANAGERS.ADDED_AT)
                .from(PROJECT_MANAGERS).join(USERS).on(USERS.ID.eq(PROJECT_MANAGERS.USER_ID))
                .where(PROJECT_MANAGERS.PROJECT_ID.eq(projectId)).orderBy(PROJECT_MANAGERS.USER_ID).fetch()
                .map(r -> new Manager(r.value1(), r.value2(), r.value3(), r.value4().toInstant()));
    }

    static Manager find(DSLContext tx, long projectId, long userId) {
        return list(tx, projectId).stream().filter(m -> m.userId() == userId).findFirst().orElseThrow();
    }
}
