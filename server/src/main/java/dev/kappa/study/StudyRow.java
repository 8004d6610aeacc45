package dev.kappa.study;

import dev.kappa.auth.Tier;
import org.jooq.Record;

import java.time.OffsetDateTime;

/** One baseline study's protocol as stored. */
public record StudyRow(long projectId, long id, String name, Tier tier, StudyStatus status, int trainingN, int qualificationM,
                       int measurementK, int votesV, String passRule, Double passAccuracy, int qualificationQuorum,
                       String sampling, long seed, String payUnit, Double payAmount, String currency,
                       OffsetDateTime createdAt, OffsetDateTime stoppedAt) {
    static StudyRow of(Record r) {
        return new StudyRow(r.get("project_id", Long.class), r.get("id", Long.class), r.get("name", String.class),
                Tier.of(r.get("tier", String.class)), StudyStatus.of(r.get("status", String.class)), r.get("training_n", Integer.class),
                r.get("qualification_m", Integer.class), r.get("measurement_k", Integer.class), r.get("votes_v", Integer.class),
                r.get("pass_rule", String.class), r.get("pass_accuracy", Double.class), r.get("qualification_quorum", Integer.class),
                r.get("sampling", String.class), r.get("seed", Long.class), r.get("pay_unit", String.class),
                r.get("pay_amount", Double.class), r.get("currency", String.class), r.get("created_at", OffsetDateTime.class),
                r.get("stopped_at", OffsetDateTime.class));
    }
}
