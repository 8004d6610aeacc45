package dev.kappa.project;

import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonObject;
import org.jooq.JSONB;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The project records write the bytes the JsonObjects built before issue 16 wrote (that code is kept here as the reference). */
class ProjectViewJsonTest {
    private static ProjectsRecord project(boolean adaptive, boolean archived) {
        ProjectsRecord p = new ProjectsRecord();
        OffsetDateTime at = OffsetDateTime.parse("2026-01-31T12:00:00.5+01:00");
        p.setId(3L);
        p.setName("Café \"x\"");
        p.setDescription(null);
        p.setInstructions("**Be** <b>careful</b>");
        p.setSchema(JSONB.valueOf("{\"kind\": \"single\", \"labels\": [{\"key\": \"a\", \"name\": \"A\"}]}"));
        p.setLeaseTtlSeconds(600);
        p.setPreAnnotation(false);
        p.setOverlapCrowd(3);
        p.setOverlapExpert(1);
        p.setExpertOnAll(false);
        p.setGoldRate(0.1);
        p.setBaselineSampleRate(0.0);
        p.setEscalationMinAgreement(2.0 / 3);
        p.setEscalateOnGoldConflict(true);
        p.setBreadthFirst(true);
        p.setHourlyRateCrowd(12.5);
        p.setHourlyRateExpert(null);
        p.setDailyQuota(null);
        p.setMaxOpenLeases(5);
        p.setAdaptiveMaxCrowd(adaptive ? 7 : null);
        p.setAdaptiveMinAgreement(adaptive ? 0.8 : null);
        p.setCreatedBy(1L);
        p.setArchivedAt(archived ? at : null);
        p.setCreatedAt(at);
        p.setUpdatedAt(at);
        return p;
    }

    private static JsonObject before(ProjectsRecord p) {
        return forAnnotatorBefore(p)
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

    private static JsonObject forAnnotatorBefore(ProjectsRecord p) {
        return new JsonObject().put("id", p.getId()).put("name", p.getName()).put("description", p.getDescription())
                .put("instructions", p.getInstructions()).put("instructions_html", Markdown.toSafeHtml(p.getInstructions()))
                .put("schema", new JsonObject(p.getSchema().data())).put("lease_ttl_seconds", p.getLeaseTtlSeconds())
                .put("pre_annotation", p.getPreAnnotation());
    }

    @Test
    @DisplayName("the full and the annotator's view of a project keep their keys, nulls and numbers")
    void sameBytes() {
        for (boolean adaptive : new boolean[]{false, true}) {
            ProjectsRecord p = project(adaptive, adaptive);
            assertEquals(before(p).encode(), RecordJson.encode(ProjectView.Full.of(p)));
            assertEquals(forAnnotatorBefore(p).encode(), RecordJson.encode(ProjectView.ForAnnotator.of(p)));
        }
    }
}
