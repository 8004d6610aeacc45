package dev.kappa.study;

import io.vertx.core.json.JsonObject;

/** A study as the API shows it: protocol, pay and progress. */
final class StudyJson {
    private StudyJson() {
    }

    static JsonObject of(StudyService.Study st) {
        StudyRow s = st.row();
        StudyProgress p = st.progress();
        return new JsonObject()
                .put("id", s.id()).put("project_id", s.projectId()).put("name", s.name()).put("tier", s.tier())
                .put("status", s.status())
                .put("protocol", protocol(s))
                .put("pay", s.payUnit() == null ? null : new JsonObject().put("unit", s.payUnit()).put("amount", s.payAmount())
                        .put("currency", s.currency()))
                .put("progress", new JsonObject().put("recruited", p.recruited()).put("trained", p.trained())
                        .put("qualification_finished", p.qualificationFinished()).put("waiting", p.waiting())
                        .put("qualified", p.qualified()).put("not_qualified", p.notQualified())
                        .put("participating", p.participating()).put("votes_answered", p.votesAnswered())
                        .put("votes_needed", p.votesNeeded()).put("items_complete", p.itemsComplete()))
                .put("created_at", s.createdAt().toInstant())
                .put("stopped_at", s.stoppedAt() == null ? null : s.stoppedAt().toInstant());
    }

    static JsonObject protocol(StudyRow s) {
        return new JsonObject().put("training_n", s.trainingN()).put("qualification_m", s.qualificationM())
                .put("measurement_k", s.measurementK()).put("votes_v", s.votesV()).put("pass_rule", s.passRule())
                .put("pass_accuracy", s.passAccuracy()).put("qualification_quorum", s.qualificationQuorum())
                .put("sampling", s.sampling()).put("seed", s.seed()).put("reference", "gold");
    }
}
