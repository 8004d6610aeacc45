package dev.kappa.quality;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Role;
import dev.kappa.project.QualityPolicy;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.ITEMS;
import static dev.kappa.db.Tables.QUALITY_PAUSES;
import static dev.kappa.db.Tables.QUALITY_POLICIES;
import static dev.kappa.db.Tables.USERS;

/**
 * Applies a project's policy: pauses every active annotator whose gold accuracy is below the threshold after enough
 * gold answers. Gold accuracy is counted in SQL, comparing stored labels with {@code =} (they are canonical: a key, an
 * integer, or the keys in schema order), over all of the project's answers whatever the report's filters.
 */
public final class AutoPause {
    private AutoPause() {
    }

    /** A pause made now. */
    public record Paused(long userId, int goldAnswers, double goldAccuracy) {
    }

    public static List<Paused> enforce(DSLContext tx, long projectId, QualityPolicy policy) {
        List<Paused> out = new ArrayList<>();
        if (!policy.autoPause()) {
            return out;
        }
        for (Record3<Long, Integer, Integer> t : tx.select(ANSWERS.ANNOTATOR_ID, DSL.count(),
                        DSL.count().filterWhere(ANSWERS.LABEL.eq(ITEMS.GOLD)))
                .from(ANSWERS).join(ITEMS).on(ITEMS.PROJECT_ID.eq(ANSWERS.PROJECT_ID), ITEMS.ID.eq(ANSWERS.ITEM_ID))
                .where(ANSWERS.PROJECT_ID.eq(projectId), ITEMS.GOLD.isNotNull())
                .groupBy(ANSWERS.ANNOTATOR_ID).fetch()) {
            long user = t.value1();
            int n = t.value2();
            double accuracy = (double) t.value3() / n;
            if (!policy.flags(n, accuracy) || !newEvidence(tx, projectId, user, n)) {
                continue;
            }
            int changed = tx.update(USERS).set(USERS.STATUS, AccountStatus.PAUSED).set(USERS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(USERS.ID.eq(user), USERS.STATUS.eq(AccountStatus.ACTIVE), USERS.ROLE.eq(Role.ANNOTATOR)).execute();
            if (changed == 1) {
                tx.insertInto(QUALITY_PAUSES).set(QUALITY_PAUSES.PROJECT_ID, projectId).set(QUALITY_PAUSES.USER_ID, user)
                        .set(QUALITY_PAUSES.GOLD_ITEMS, n).set(QUALITY_PAUSES.GOLD_ACCURACY, accuracy).execute();
                out.add(new Paused(user, n, accuracy));
            }
        }
        return out;
    }

    /**
     * An admin who reactivated an annotator paused by this project is not overruled on the same evidence: pause again
     * only once they have more gold answers than at the last pause.
     */
    private static boolean newEvidence(DSLContext tx, long projectId, long user, int goldAnswers) {
        Integer last = tx.select(DSL.max(QUALITY_PAUSES.GOLD_ITEMS)).from(QUALITY_PAUSES)
                .where(QUALITY_PAUSES.PROJECT_ID.eq(projectId), QUALITY_PAUSES.USER_ID.eq(user)).fetchOne(0, Integer.class);
        return last == null || goldAnswers > last;
    }

    /** Projects whose policy pauses automatically, for the periodic sweep. */
    public static List<Long> projects(DSLContext tx) {
        return tx.select(QUALITY_POLICIES.PROJECT_ID).from(QUALITY_POLICIES).where(QUALITY_POLICIES.AUTO_PAUSE.isTrue())
                .fetch(QUALITY_POLICIES.PROJECT_ID);
    }
}
