package dev.kappa.study;

import dev.kappa.assignment.AssignmentService;
import dev.kappa.assignment.LeaseId;
import dev.kappa.assignment.TaskSource;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.assignment.Task;
import dev.kappa.http.RecordJson;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves each annotator of a running study's tier its phases in turn: every training item, then every qualification
 * item, then (once the pass rule admits them) measurement votes until none is left for them; then the project's own
 * queue. Studies of the same tier are taken in the order they were created. Runs inside next-task's transaction, under
 * its per-annotator lock, so one annotator's requests never race each other.
 *
 * <p>No-task reasons this adds: {@code study_pending} (the annotator still holds an unanswered training or
 * qualification item, so the decision must wait), {@code study_waiting} (the median rule waits for its quorum of
 * finished annotators) and {@code study_not_qualified} (told once; afterwards the project's own queue serves them).
 */
public final class StudyTasks implements TaskSource {

    /** A study's task: the lease and item as in the project's queue, the study's phase instead of a prediction. */
    record StudyTask(String leaseId, Instant expiresAt, Integer leaseTtlSeconds, Long projectId, Tier tier, Item item,
                     Study study) implements Task {
        /** The item's data stays jsonb text until written, after next-task's transaction. */
        record Item(long id, String externalId, @JsonSerialize(using = RecordJson.VertxText.class) String data) {
        }

        /** Which study, which phase, and how far into it this task is ({@code position} of {@code of}). */
        record Study(long id, String name, StudyPhase phase, int position, int of) {
        }
    }

    @Override
    public Optional<AssignmentService.Next> next(DSLContext tx, ProjectsRecord p, Principal caller, UUID lease) {
        if (caller.tier() == null) {
            return Optional.empty();
        }
        List<StudyRow> studies = StudyRepository.running(tx, p.getId(), caller.tier());
        for (StudyRow s : studies) {
            Optional<AssignmentService.Next> served = serve(tx, p, s, caller, lease);
            if (served.isPresent()) {
                return served;
            }
        }
        return Optional.empty();
    }

    private Optional<AssignmentService.Next> serve(DSLContext tx, ProjectsRecord p, StudyRow s, Principal caller, UUID lease) {
        long user = caller.userId();
        StudyRepository.Standing standing = StudyRepository.join(tx, p.getId(), s.id(), user);
        Boolean qualified = standing.qualified();
        if (qualified == null) {
            for (StudyPhase phase : new StudyPhase[] {StudyPhase.TRAINING, StudyPhase.QUALIFICATION}) {
                Optional<StudyRepository.Candidate> c = StudyRepository.nextItem(tx, p.getId(), s.id(), phase, user, s.votesV());
                if (c.isPresent()) {
                    return Optional.of(task(tx, p, s, phase, c.get().itemId(), caller, lease));
                }
            }
            if (StudyRepository.openBeforeMeasurement(tx, p.getId(), s.id(), user) > 0) {
                return Optional.of(new AssignmentService.Next(null, "study_pending"));
            }
            qualified = decide(tx, s, user);
            if (qualified == null) {
                return Optional.of(new AssignmentService.Next(null, "study_waiting"));
            }
        }
        if (!qualified) {
            if (standing.toldAt() == null) {
                StudyRepository.told(tx, p.getId(), s.id(), user);
                return Optional.of(new AssignmentService.Next(null, "study_not_qualified"));
            }
            return Optional.empty();
        }
        StudyRepository.lockMeasurement(tx, s.id());
        return StudyRepository.nextItem(tx, p.getId(), s.id(), StudyPhase.MEASUREMENT, user, s.votesV())
                .map(c -> task(tx, p, s, StudyPhase.MEASUREMENT, c.itemId(), caller, lease));
    }

    /**
     * Scores a finished qualification and applies the pass rule; null while the median rule waits for its quorum.
     * The score is correct answers over qualification items served (a skipped or expired item counts as wrong, so
     * skipping hard items cannot raise it). A study without qualification items admits everyone.
     */
    private static Boolean decide(DSLContext tx, StudyRow s, long user) {
        long pid = s.projectId();
        if (s.qualificationM() == 0) {
            StudyRepository.decide(tx, pid, s.id(), user, true);
            return true;
        }
        int[] tally = StudyRepository.qualificationTally(tx, pid, s.id(), user);
        double score = tally[0] == 0 ? 0 : (double) tally[1] / tally[0];
        StudyRepository.finishQualification(tx, pid, s.id(), user, score);
        boolean pass;
        if ("fixed".equals(s.passRule())) {
            pass = PassRule.fixed(score, tally[0], s.passAccuracy());
        } else {
            Record r = StudyRepository.finishedAndMedian(tx, pid, s.id());
            if (r.get(0, Integer.class) < s.qualificationQuorum()) {
                return null;
            }
            pass = PassRule.median(score, tally[0], r.get(1, Double.class));
        }
        StudyRepository.decide(tx, pid, s.id(), user, pass);
        return pass;
    }

    /**
     * The task as next-task shows it. Blind: the item's data and the study's phase, never its gold, meta, other answers
     * or a model's prediction (even in a pre-annotating project).
     */
    private static AssignmentService.Next task(DSLContext tx, ProjectsRecord p, StudyRow s, StudyPhase phase, long itemId,
                                               Principal caller, UUID lease) {
        StudyRepository.Served served = StudyRepository.lease(tx, p.getId(), s.id(), phase, itemId, caller.userId(),
                caller.tier(), lease, p.getLeaseTtlSeconds());
        int position = StudyRepository.servedInPhase(tx, p.getId(), s.id(), caller.userId(), phase);
        int of = switch (phase) {
            case TRAINING -> s.trainingN();
            case QUALIFICATION -> s.qualificationM();
            default -> s.measurementK();
        };
        StudyTask task = new StudyTask(new LeaseId(p.getId(), lease).toString(), served.expiresAt().toInstant(),
                p.getLeaseTtlSeconds(), p.getId(), caller.tier(), new StudyTask.Item(itemId, served.externalId(), served.data()),
                new StudyTask.Study(s.id(), s.name(), phase, position, of));
        return new AssignmentService.Next(task, null);
    }
}
