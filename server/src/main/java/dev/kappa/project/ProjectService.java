package dev.kappa.project;

import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import static dev.kappa.db.Tables.PROJECTS;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for projects: who sees which view, and that a schema change never strands labels already given. */
public final class ProjectService {
    private final Db db;
    private final SlotRules slots;

    public ProjectService(Db db, SlotRules slots) {
        this.db = db;
        this.slots = slots;
    }

    public Future<ProjectView.Full> create(Principal p, ProjectSettings settings) {
        return db.tx(tx -> {
            long id = ProjectRepository.insert(tx, settings.columns(), p.userId());
            // The creator manages the project; for an engineer that is what makes it visible to them at all.
            ManagerRepository.add(tx, id, p.userId(), p.userId());
            return ProjectView.Full.of(ProjectRepository.find(tx, id));
        });
    }

    /** Which projects a list shows by their archive mark: lists hide archived projects unless asked. */
    public enum Archived { EXCLUDE, ONLY, INCLUDE }

    public Future<List<ProjectView>> page(Principal p, Paging paging, Archived archived) {
        return db.tx(tx -> {
            org.jooq.Condition shown = switch (archived) {
                case EXCLUDE -> PROJECTS.ARCHIVED_AT.isNull();
                case ONLY -> PROJECTS.ARCHIVED_AT.isNotNull();
                case INCLUDE -> org.jooq.impl.DSL.trueCondition();
            };
            return ProjectRepository.page(tx, ProjectAccess.visibleProjects(p).and(shown), paging.after(), paging.limit())
                    .stream().map(r -> ProjectView.of(p, r)).toList();
        });
    }

    public Future<ProjectView> get(Principal p, long id) {
        return db.tx(tx -> ProjectView.of(p, ProjectAccess.visible(tx, p, id)));
    }

    public Future<ProjectView.Full> update(Principal p, long id, ProjectSettings settings) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, id);
            ProjectsRecord current = ProjectRepository.lockForUpdate(tx, id);
            if (current == null) {
                // A concurrent delete won the row lock: the project is gone (the fuzz test's 500).
                throw Problems.notFound("project " + id);
            }
            if (settings.schema() != null) {
                checkNothingStranded(tx, id, LabelSchema.fromJson(current.getSchema().data()), settings.schema());
            }
            if (!settings.columns().isEmpty()) {
                ProjectRepository.update(tx, id, settings.columns());
            }
            ProjectsRecord updated = ProjectRepository.find(tx, id);
            // Overlaps, rates and the gold policy decide which slots exist; apply them in the same transaction.
            slots.apply(tx, updated);
            return ProjectView.Full.of(updated);
        });
    }

    /** Marks the project archived (idempotent: a second archive keeps the first date). Every row stays. */
    public Future<ProjectView.Full> archive(Principal p, long id) {
        return setArchived(p, id, true);
    }

    public Future<ProjectView.Full> restore(Principal p, long id) {
        return setArchived(p, id, false);
    }

    private Future<ProjectView.Full> setArchived(Principal p, long id, boolean archived) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, id);
            if (ProjectRepository.lockForUpdate(tx, id) == null) {
                // deleted by a request that held the row lock while this one waited for it
                throw Problems.notFound("project " + id);
            }
            ProjectRepository.setArchived(tx, id, archived);
            return ProjectView.Full.of(ProjectRepository.find(tx, id));
        });
    }

    /**
     * Deletes the project and all its rows. {@code confirm} must repeat the project's name exactly, so a wrong id
     * in a script cannot delete another project. The row lock (FOR UPDATE: it also waits for uploads' share locks
     * and in-flight inserts' key-share locks) keeps writers out until the rows are gone.
     */
    public Future<Long> delete(Principal p, long id, String confirm) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, id);
            ProjectsRecord project = tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).forUpdate().fetchOne();
            if (project == null) {
                throw Problems.notFound("project " + id); // deleted by a request that held the lock first
            }
            if (!project.getName().equals(confirm)) {
                throw Problems.invalid("confirm", "must repeat the project's name exactly to delete it");
            }
            return ProjectDeletion.delete(tx, id);
        });
    }

    /** Labels in use (gold, answers, predictions) cannot be removed, and the kind cannot change once any exist. */
    private static void checkNothingStranded(org.jooq.DSLContext tx, long id, LabelSchema before, LabelSchema after) {
        if (!before.kind().equals(after.kind())) {
            if (ProjectRepository.anyLabelUse(tx, id)) {
                throw Problems.conflict("schema.kind", "schema.kind: cannot change from " + before.kind() + " to "
                        + after.kind() + " because the project already has labels (gold, answers or predictions)");
            }
            return;
        }
        Set<String> kept = new HashSet<>(after.keys());
        for (String key : before.keys()) {
            if (!kept.contains(key)) {
                String where = ProjectRepository.labelUse(tx, id, before.storedValue(key));
                if (where != null) {
                    throw Problems.conflict("schema.labels", "schema.labels: the label '" + key + "' is used in "
                            + where + " and cannot be removed");
                }
            }
        }
    }
}
