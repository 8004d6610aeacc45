package dev.kappa.assignment;

import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

import java.util.Optional;
import java.util.UUID;

/**
 * A feature that may serve an annotator a task before the project's own queue: today the baseline studies (issue 19),
 * which take each annotator of a study's tier through training, qualification and measurement first. It runs inside
 * next-task's transaction, after the annotator's lock and the pause and quota checks, so its leases are ordinary
 * leases and their answers go through the ordinary submit (idempotent per lease, never lost).
 */
public interface TaskSource {
    TaskSource NONE = (tx, p, caller, lease) -> Optional.empty();

    /**
     * A task leased under {@code lease}, or a reason for no task, or empty to let the project's queue serve.
     */
    Optional<AssignmentService.Next> next(DSLContext tx, ProjectsRecord p, Principal caller, UUID lease);
}
