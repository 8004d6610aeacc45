package dev.kappa.study;

import dev.kappa.assignment.LeaseId;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.LabelSchema;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.List;

/** Baseline studies: create, list, read with progress, stop or resume, and a training answer's feedback. */
public final class StudyService {
    /** A study with where it stands. */
    public record Study(StudyRow row, StudyProgress progress) {
    }

    private final Db db;

    public StudyService(Db db) {
        this.db = db;
    }

    public Future<Study> create(Principal caller, long projectId, StudyRequest r) {
        return db.tx(tx -> {
            ProjectsRecord p = ProjectAccess.requireManagerForWrite(tx, caller, projectId);
            String kind = LabelSchema.fromJson(p.getSchema().data()).kind();
            if ("multi".equals(kind)) {
                throw Problems.invalid("project", "baseline studies score one label per item: this project's schema is multi-label");
            }
            var pool = StudyAdminRepository.referenceItems(tx, projectId);
            int need = r.trainingN() + r.qualificationM() + r.measurementK();
            if (need > pool.size()) {
                throw Problems.invalid("measurement_k", "training_n + qualification_m + measurement_k = " + need
                        + " reference items are needed, and the project has " + pool.size() + " items with gold");
            }
            long[] ids = new long[pool.size()];
            String[] klass = new String[pool.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = pool.get(i).get(0, Long.class);
                klass[i] = pool.get(i).get(1, String.class);
            }
            StudyDraw.Drawn d = StudyDraw.draw(ids, klass, r.trainingN(), r.qualificationM(), r.measurementK(),
                    "stratified".equals(r.sampling()), r.seed());
            long id = StudyAdminRepository.insert(tx, projectId, r, caller.userId());
            StudyAdminRepository.insertItems(tx, projectId, id, StudyPhase.TRAINING, d.training());
            StudyAdminRepository.insertItems(tx, projectId, id, StudyPhase.QUALIFICATION, d.qualification());
            StudyAdminRepository.insertItems(tx, projectId, id, StudyPhase.MEASUREMENT, d.measurement());
            return study(tx, projectId, id);
        });
    }

    public Future<List<Study>> list(Principal caller, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            return StudyRepository.all(tx, projectId).stream()
                    .map(s -> new Study(s, StudyAdminRepository.progress(tx, projectId, s.id(), s.votesV(), s.measurementK()))).toList();
        });
    }

    public Future<Study> get(Principal caller, long projectId, long studyId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            return study(tx, projectId, studyId);
        });
    }

    /** Stops or resumes a study and/or renames it; a stopped study serves nothing new, open leases may still answer. */
    public Future<Study> update(Principal caller, long projectId, long studyId, StudyStatus status, String name) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            StudyRow s = row(tx, projectId, studyId);
            if (status != null && status != s.status()) {
                StudyAdminRepository.setStatus(tx, projectId, studyId, status);
            }
            if (name != null) {
                StudyAdminRepository.rename(tx, projectId, studyId, name);
            }
            return study(tx, projectId, studyId);
        });
    }

    /**
     * The correct label and explanation after a training answer. Only the lease's holder sees it (404 for anyone else,
     * as for every lease), only in training (qualification and measurement stay blind), and only once answered.
     */
    public Future<StudyFeedback> feedback(Principal caller, LeaseId lease) {
        return db.tx(tx -> {
            Record t = StudyAdminRepository.leaseTask(tx, lease.projectId(), lease.id())
                    .filter(r -> r.get("annotator_id", Long.class) == caller.userId())
                    .orElseThrow(() -> Problems.notFound("study task for lease " + lease));
            if (StudyPhase.of(t.get("phase", String.class)) != StudyPhase.TRAINING) {
                throw Problems.conflict("lease", "lease: answers in the " + t.get("phase", String.class) + " phase get no feedback");
            }
            String answer = t.get("answer", String.class);
            if (answer == null) {
                throw Problems.conflict("lease", "lease: answer the item first; the feedback follows the answer");
            }
            String gold = t.get("gold", String.class);
            Object yours = Json.decodeValue(answer);
            Object correct = gold == null ? null : Json.decodeValue(gold);
            return new StudyFeedback(lease.toString(), t.get("study_id", Long.class), t.get("item_id", Long.class), yours, correct,
                    yours.equals(correct), t.get("explanation", String.class));
        });
    }

    static StudyRow row(DSLContext tx, long projectId, long studyId) {
        return StudyRepository.one(tx, projectId, studyId).orElseThrow(() -> Problems.notFound("baseline study " + studyId));
    }

    private static Study study(DSLContext tx, long projectId, long studyId) {
        StudyRow s = row(tx, projectId, studyId);
        return new Study(s, StudyAdminRepository.progress(tx, projectId, studyId, s.votesV(), s.measurementK()));
    }
}
