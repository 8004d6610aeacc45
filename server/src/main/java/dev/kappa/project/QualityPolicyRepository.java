package dev.kappa.project;

import org.jooq.DSLContext;

import java.time.OffsetDateTime;

import static dev.kappa.db.Tables.QUALITY_POLICIES;

/** SQL for quality policies. */
public final class QualityPolicyRepository {
    private QualityPolicyRepository() {
    }

    public static QualityPolicy find(DSLContext tx, long projectId) {
        return QualityPolicy.of(tx.selectFrom(QUALITY_POLICIES).where(QUALITY_POLICIES.PROJECT_ID.eq(projectId)).fetchOne());
    }

    public static void save(DSLContext tx, long projectId, QualityPolicy p) {
        tx.insertInto(QUALITY_POLICIES)
                .set(QUALITY_POLICIES.PROJECT_ID, projectId)
                .set(QUALITY_POLICIES.MIN_GOLD_ACCURACY, p.minGoldAccuracy())
                .set(QUALITY_POLICIES.MIN_GOLD_ITEMS, p.minGoldItems())
                .set(QUALITY_POLICIES.AUTO_PAUSE, p.autoPause())
                .set(QUALITY_POLICIES.CROWD_WEIGHT, p.crowdWeight())
                .set(QUALITY_POLICIES.EXPERT_WEIGHT, p.expertWeight())
                .onConflict(QUALITY_POLICIES.PROJECT_ID).doUpdate()
                .set(QUALITY_POLICIES.MIN_GOLD_ACCURACY, p.minGoldAccuracy())
                .set(QUALITY_POLICIES.MIN_GOLD_ITEMS, p.minGoldItems())
                .set(QUALITY_POLICIES.AUTO_PAUSE, p.autoPause())
                .set(QUALITY_POLICIES.CROWD_WEIGHT, p.crowdWeight())
                .set(QUALITY_POLICIES.EXPERT_WEIGHT, p.expertWeight())
                .set(QUALITY_POLICIES.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
