package dev.kappa.project;

import dev.kappa.db.tables.records.ProjectsRecord;
import io.vertx.core.json.JsonObject;

/** The two views of a project: the full one for managers, and what an annotator needs to label. */
final class ProjectJson {
    private ProjectJson() {
    }

    static JsonObject full(ProjectsRecord p) {
        return forAnnotator(p)
                .put("overlap", new JsonObject().put("crowd", p.getOverlapCrowd()).put("expert", p.getOverlapExpert()))
                .put("expert_on_all", p.getExpertOnAll())
                .put("gold_rate", p.getGoldRate())
                .put("baseline_sample_rate", p.getBaselineSampleRate())
                .put("escalation", new JsonObject().put("min_agreement", p.getEscalationMinAgreement())
                        .put("on_gold_conflict", p.getEscalateOnGoldConflict()))
                .put("breadth_first", p.getBreadthFirst())
                .put("hourly_rate", new JsonObject().put("crowd", p.getHourlyRateCrowd()).put("expert", p.getHourlyRateExpert()))
                .put("daily_quota", p.getDailyQuota())
                .put("max_open_leases", p.getMaxOpenLeases())
                .put("adaptive_overlap", p.getAdaptiveMaxCrowd() == null ? null : new JsonObject()
                        .put("max_crowd", p.getAdaptiveMaxCrowd()).put("min_agreement", p.getAdaptiveMinAgreement()))
                .put("created_by", p.getCreatedBy())
                .put("archived_at", p.getArchivedAt() == null ? null : p.getArchivedAt().toInstant())
                .put("created_at", p.getCreatedAt().toInstant())
                .put("updated_at", p.getUpdatedAt().toInstant());
    }

    /** No rates, quotas or policies: an annotator who knew the gold rate could game it. */
    static JsonObject forAnnotator(ProjectsRecord p) {
        return new JsonObject()
                .put("id", p.getId())
                .put("name", p.getName())
                .put("description", p.getDescription())
                .put("instructions", p.getInstructions())
                .put("instructions_html", Markdown.toSafeHtml(p.getInstructions()))
                .put("schema", new JsonObject(p.getSchema().data()))
                .put("lease_ttl_seconds", p.getLeaseTtlSeconds())
                .put("pre_annotation", p.getPreAnnotation());
    }
}
