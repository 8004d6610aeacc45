package dev.kappa.project;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.http.RecordJson;

import java.time.Instant;

/** The two views of a project: the full one for managers, and what an annotator needs to label. */
public sealed interface ProjectView {
    long id();

    /** No rates, quotas or policies: an annotator who knew the gold rate could game it. The schema stays jsonb text. */
    record ForAnnotator(long id, String name, String description, String instructions, String instructionsHtml,
                        @JsonSerialize(using = RecordJson.VertxText.class) String schema, Integer leaseTtlSeconds,
                        Boolean preAnnotation) implements ProjectView {
        static ForAnnotator of(ProjectsRecord p) {
            return new ForAnnotator(p.getId(), p.getName(), p.getDescription(), p.getInstructions(),
                    Markdown.toSafeHtml(p.getInstructions()), p.getSchema().data(), p.getLeaseTtlSeconds(), p.getPreAnnotation());
        }
    }

    /** The annotator's view, then the settings only managers see. */
    record Full(@JsonUnwrapped ForAnnotator project, Tiers<Integer> overlap, Boolean expertOnAll, Double goldRate,
                Double baselineSampleRate, Escalation escalation, Boolean breadthFirst, Tiers<Double> hourlyRate,
                Integer dailyQuota, Integer maxOpenLeases, AdaptiveOverlap adaptiveOverlap, Long createdBy,
                Instant archivedAt, Instant createdAt, Instant updatedAt) implements ProjectView {
        @Override
        public long id() {
            return project.id();
        }

        static Full of(ProjectsRecord p) {
            return new Full(ForAnnotator.of(p), new Tiers<>(p.getOverlapCrowd(), p.getOverlapExpert()), p.getExpertOnAll(),
                    p.getGoldRate(), p.getBaselineSampleRate(),
                    new Escalation(p.getEscalationMinAgreement(), p.getEscalateOnGoldConflict()), p.getBreadthFirst(),
                    new Tiers<>(p.getHourlyRateCrowd(), p.getHourlyRateExpert()), p.getDailyQuota(), p.getMaxOpenLeases(),
                    p.getAdaptiveMaxCrowd() == null ? null : new AdaptiveOverlap(p.getAdaptiveMaxCrowd(), p.getAdaptiveMinAgreement()),
                    p.getCreatedBy(), p.getArchivedAt() == null ? null : p.getArchivedAt().toInstant(),
                    p.getCreatedAt().toInstant(), p.getUpdatedAt().toInstant());
        }
    }

    /** One value per tier (overlap, hourly rate). */
    record Tiers<T>(T crowd, T expert) {
    }

    record Escalation(Double minAgreement, Boolean onGoldConflict) {
    }

    record AdaptiveOverlap(Integer maxCrowd, Double minAgreement) {
    }

    static ProjectView of(dev.kappa.auth.Principal p, ProjectsRecord r) {
        return p.role().manages() ? Full.of(r) : ForAnnotator.of(r);
    }
}
