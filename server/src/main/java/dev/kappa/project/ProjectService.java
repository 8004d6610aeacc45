package dev.kappa.project;

import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Set;

/** Rules for projects: who sees which view, and that a schema change never strands labels already given. */
public final class ProjectService {
    private final Db db;

    public ProjectService(Db db) {
        this.db = db;
    }

    public Future<JsonObject> create(Principal p, ProjectSettings settings) {
        return db.tx(tx -> {
            long id = ProjectRepository.insert(tx, settings.columns(), p.userId());
            // The creator manages the project; for an engineer that is what makes it visible to them at all.
            ManagerRepository.add(tx, id, p.userId(), p.userId());
            return ProjectJson.full(ProjectRepository.find(tx, id));
        });
    }

    public Future<JsonArray> page(Principal p, Paging paging) {
        return db.tx(tx -> {
            JsonArray out = new JsonArray();
            for (ProjectsRecord r : ProjectRepository.page(tx, ProjectAccess.visibleProjects(p), paging.after(), paging.limit())) {
                out.add(view(p, r));
            }
            return out;
        });
    }

    public Future<JsonObject> get(Principal p, long id) {
        return db.tx(tx -> view(p, ProjectAccess.visible(tx, p, id)));
    }

    public Future<JsonObject> update(Principal p, long id, ProjectSettings settings) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, id);
            ProjectsRecord current = ProjectRepository.lockForUpdate(tx, id);
            if (settings.schema() != null) {
                checkNothingStranded(tx, id, LabelSchema.fromJson(current.getSchema().data()), settings.schema());
            }
            if (!settings.columns().isEmpty()) {
                ProjectRepository.update(tx, id, settings.columns());
            }
            ProjectsRecord updated = ProjectRepository.find(tx, id);
            // Overlaps, rates and the gold policy decide which slots exist; apply them in the same transaction.
            dev.kappa.assignment.SlotSync.project(tx, updated);
            return ProjectJson.full(updated);
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

    private static JsonObject view(Principal p, ProjectsRecord r) {
        return p.role().manages() ? ProjectJson.full(r) : ProjectJson.forAnnotator(r);
    }
}
