package dev.kappa.transfer;

import dev.kappa.assignment.ImportedAnswers;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.LabelSchema;
import dev.kappa.transfer.ImportRepository.Staging;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Past answers from other tools: {@code item}, {@code annotator} (that tool's worker id), {@code tier},
 * {@code label}, optional {@code duration_ms} and {@code created_at}. Unknown workers become external workers
 * (annotators with no email and no password). Every line becomes an answer: repeats by the same worker on the same
 * item are kept, because real exports contain them and the statistics count each one.
 * <p>
 * By default past answers are answers (issue 14): each takes a slot of its tier, and escalation is judged once over
 * the touched items when all rows are in ({@link ImportedAnswers}). With {@code fill_slots=false} they are kept out of
 * the queue, as before: stored for the statistics only.
 */
final class AnswerImport implements ImportKind<Imported.Answers> {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AnswerImport.class.getName());
    private static final Set<String> FIELDS = Set.of("item", "annotator", "tier", "label", "duration_ms", "created_at");

    private final ProjectsRecord project;
    private final long projectId;
    private final LabelSchema schema;
    private final boolean fillSlots;
    /** The tier of lines that give none (the request's {@code tier}); null makes the tier required on every line. */
    private final Tier defaultTier;

    AnswerImport(ProjectsRecord project, LabelSchema schema, boolean fillSlots, Tier defaultTier) {
        this.project = project;
        this.projectId = project.getId();
        this.schema = schema;
        this.fillSlots = fillSlots;
        this.defaultTier = defaultTier;
    }

    @Override
    public List<String> requiredColumns() {
        return defaultTier == null ? List.of("item", "annotator", "tier", "label") : List.of("item", "annotator", "label");
    }

    @Override
    public List<String> knownColumns() {
        return List.of("item", "annotator", "tier", "label", "duration_ms", "created_at");
    }

    @Override
    public Staging staging() {
        return Staging.ANSWERS;
    }

    @Override
    public Object[] row(UploadFields f, long line) {
        f.allowOnly(FIELDS);
        String item = f.string("item", true, ItemImport.MAX_EXTERNAL_ID);
        String annotator = f.string("annotator", true, 200);
        String tier = f.string("tier", defaultTier == null, 16);
        if (tier == null) {
            tier = defaultTier.getLiteral();
        }
        if (!Tier.LITERALS.contains(tier)) {
            throw new BadField("tier", "must be crowd or expert, got '" + tier + "'");
        }
        Object label = f.label("label", schema, true);
        Long duration = f.integer("duration_ms", 0, Integer.MAX_VALUE);
        OffsetDateTime at = f.time("created_at");
        return new Object[] {line, item, annotator, tier, Json.encode(label), duration, at == null ? null : at.toString()};
    }

    @Override
    public void check(DSLContext tx, BadLines bad) {
        StagingChecks.unknownItems(tx, Staging.ANSWERS, projectId, bad);
        for (AnswerImportRepository.NotAnAnnotator u : AnswerImportRepository.notAnnotators(tx, BadLines.LIMIT)) {
            bad.add(u.line(), "annotator", "the user with external id '" + u.externalId()
                    + "' is an " + u.role() + ", not an annotator");
        }
    }

    @Override
    public Imported.Answers apply(DSLContext tx, long received) {
        int workers = AnswerImportRepository.insertWorkers(tx);
        if (!fillSlots) {
            int answers = AnswerImportRepository.insertAnswers(tx, projectId);
            return new Imported.Answers(answers, workers, false);
        }
        AnswerImportRepository.collectTouched(tx, projectId);
        long t0 = System.nanoTime();
        int answers = AnswerImportRepository.insertAnswersWithSlots(tx, project);
        long t1 = System.nanoTime();
        ImportedAnswers.settle(tx, project, AnswerImportRepository.TOUCHED);
        LOG.info(() -> String.format("answer import into project %d: %d answers with their slots in %d ms, queue settled in %d ms",
                projectId, answers, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
        return new Imported.Answers(answers, workers, true);
    }
}
