package dev.kappa.user;

import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.UsersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.API_TOKENS;
import static dev.kappa.db.Tables.PROJECT_MEMBERS;
import static dev.kappa.db.Tables.SESSIONS;
import static dev.kappa.db.Tables.USERS;

/** SQL for users. Password hashes never leave this class. */
public final class UserRepository {
    private UserRepository() {
    }

    /**
     * Serialises the first-admin check of servers that start on one database at the same moment; the lock ends with
     * the transaction.
     */
    static void lockFirstAdmin(DSLContext tx) {
        tx.execute("select pg_advisory_xact_lock(hashtext('kappa.first-admin'))");
    }

    public static boolean emailTaken(DSLContext tx, String email) {
        return tx.fetchExists(USERS, DSL.lower(USERS.EMAIL).eq(email.toLowerCase()));
    }

    public static Optional<UsersRecord> byExternalId(DSLContext tx, String externalId) {
        return tx.selectFrom(USERS).where(USERS.EXTERNAL_ID.eq(externalId)).fetchOptional();
    }

    public static long insert(DSLContext tx, String email, String displayName, Role role, Tier tier, String externalId, String passwordHash) {
        return tx.insertInto(USERS)
                .set(USERS.EMAIL, email).set(USERS.DISPLAY_NAME, displayName).set(USERS.ROLE, role).set(USERS.TIER, tier)
                .set(USERS.EXTERNAL_ID, externalId).set(USERS.PASSWORD_HASH, passwordHash)
                .returning(USERS.ID).fetchOne(USERS.ID);
    }

    public static Optional<UsersRecord> find(DSLContext tx, long id) {
        return tx.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional();
    }

    /** Keyset page by id: cost does not grow with how far the client has paged. */
    public static List<UserView.Listed> page(DSLContext tx, long afterId, int limit, Role role) {
        Condition c = USERS.ID.gt(afterId);
        if (role != null) {
            c = c.and(USERS.ROLE.eq(role));
        }
        Field<OffsetDateTime> last = lastActivity().as("last_active_at");
        return tx.select(USERS.fields()).select(last).from(USERS).where(c).orderBy(USERS.ID).limit(limit).fetch()
                .map(r -> {
                    OffsetDateTime at = r.get(last);
                    return new UserView.Listed(UserView.of(r.into(USERS)), at == null ? null : at.toInstant());
                });
    }

    /**
     * When the user last did something: the latest of their last login (session), their last API token use and
     * their last answer. The answer part asks each project they are a member of for its newest answer by them,
     * which is one backward step on answers (project_id, annotator_id, created_at) per membership, so a page of
     * users never scans answers. (Answers in projects they have since left are not counted.)
     */
    static Field<OffsetDateTime> lastActivity() {
        Field<OffsetDateTime> session = DSL.field(DSL.select(DSL.max(SESSIONS.CREATED_AT)).from(SESSIONS).where(SESSIONS.USER_ID.eq(USERS.ID)));
        Field<OffsetDateTime> token = DSL.field(DSL.select(DSL.max(API_TOKENS.LAST_USED_AT)).from(API_TOKENS).where(API_TOKENS.USER_ID.eq(USERS.ID)));
        Field<OffsetDateTime> perProject = DSL.field(DSL.select(DSL.max(ANSWERS.CREATED_AT)).from(ANSWERS)
                .where(ANSWERS.PROJECT_ID.eq(PROJECT_MEMBERS.PROJECT_ID), ANSWERS.ANNOTATOR_ID.eq(PROJECT_MEMBERS.USER_ID)));
        Field<OffsetDateTime> answer = DSL.field(DSL.select(DSL.max(perProject)).from(PROJECT_MEMBERS).where(PROJECT_MEMBERS.USER_ID.eq(USERS.ID)));
        return DSL.greatest(session, token, answer);
    }

    public static void update(DSLContext tx, UsersRecord u) {
        u.setUpdatedAt(OffsetDateTime.now());
        tx.executeUpdate(u);
    }

    public static void endSessions(DSLContext tx, long userId) {
        tx.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId)).execute();
    }
}
