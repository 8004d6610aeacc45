package dev.kappa.project;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import dev.kappa.error.Problems;

import java.util.List;

import static dev.kappa.db.Tables.PROJECT_MEMBERS;
import static dev.kappa.db.Tables.USERS;

/** SQL for project membership. */
final class MemberRepository {
    private MemberRepository() {
    }

    /** The user id that {@code who} names; 422 naming the field used when nobody matches. */
    static long resolve(DSLContext tx, MemberService.Who who) {
        if (who.userId() != null) {
            if (!tx.fetchExists(USERS, USERS.ID.eq(who.userId()))) {
                throw Problems.invalid("user_id", "no user has the id " + who.userId());
            }
            return who.userId();
        }
        if (who.email() != null) {
            Long id = tx.select(USERS.ID).from(USERS).where(DSL.lower(USERS.EMAIL).eq(who.email().toLowerCase(java.util.Locale.ROOT)))
                    .fetchOne(USERS.ID);
            if (id == null) {
                throw Problems.invalid("email", "no user has this email; create the user first");
            }
            return id;
        }
        Long id = tx.select(USERS.ID).from(USERS).where(USERS.EXTERNAL_ID.eq(who.externalId())).fetchOne(USERS.ID);
        if (id == null) {
            throw Problems.invalid("external_id", "no user has this external id; create the user first");
        }
        return id;
    }

    /** True if the user became a member now, false if they already were. */
    static boolean add(DSLContext tx, long projectId, long userId) {
        return tx.insertInto(PROJECT_MEMBERS).set(PROJECT_MEMBERS.PROJECT_ID, projectId).set(PROJECT_MEMBERS.USER_ID, userId)
                .onConflictDoNothing().execute() == 1;
    }

    static boolean remove(DSLContext tx, long projectId, long userId) {
        return tx.deleteFrom(PROJECT_MEMBERS)
                .where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.eq(userId)).execute() == 1;
    }

    /** Pauses (true) or resumes (false) a member in the project; false when they are no member of it. */
    static boolean pause(DSLContext tx, long projectId, long userId, boolean paused, long by) {
        return tx.update(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PAUSED_AT, paused ? DSL.coalesce(PROJECT_MEMBERS.PAUSED_AT, DSL.currentOffsetDateTime()) : null)
                .set(PROJECT_MEMBERS.PAUSED_BY, paused ? DSL.coalesce(PROJECT_MEMBERS.PAUSED_BY, DSL.val(by)) : null)
                .where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.eq(userId)).execute() == 1;
    }

    static Member find(DSLContext tx, long projectId, long userId) {
        Record r = select(tx).where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.eq(userId)).fetchOne();
        return r == null ? null : member(r);
    }

    /** Keyset page by user id. */
    static List<Member> page(DSLContext tx, long projectId, long afterUserId, int limit) {
        return select(tx).where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId), PROJECT_MEMBERS.USER_ID.gt(afterUserId))
                .orderBy(PROJECT_MEMBERS.USER_ID).limit(limit).fetch(MemberRepository::member);
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext tx) {
        return tx.select(List.<org.jooq.SelectFieldOrAsterisk>of(PROJECT_MEMBERS.USER_ID, PROJECT_MEMBERS.ADDED_AT, PROJECT_MEMBERS.PAUSED_AT, USERS.DISPLAY_NAME, USERS.EMAIL, USERS.ROLE,
                        USERS.TIER, USERS.STATUS, USERS.EXTERNAL_ID))
                .from(PROJECT_MEMBERS).join(USERS).on(USERS.ID.eq(PROJECT_MEMBERS.USER_ID));
    }

    private static Member member(Record r) {
        return new Member(r.get(PROJECT_MEMBERS.USER_ID), r.get(USERS.DISPLAY_NAME), r.get(USERS.EMAIL), r.get(USERS.ROLE),
                r.get(USERS.TIER), r.get(USERS.STATUS), r.get(USERS.EXTERNAL_ID), r.get(PROJECT_MEMBERS.ADDED_AT).toInstant(),
                r.get(PROJECT_MEMBERS.PAUSED_AT) == null ? null : r.get(PROJECT_MEMBERS.PAUSED_AT).toInstant());
    }
}
