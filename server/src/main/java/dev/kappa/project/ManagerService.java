package dev.kappa.project;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.util.List;

import static dev.kappa.db.Tables.USERS;

/**
 * Who manages a project: its creator and the engineers added here. Only admins and the project's managers may change
 * the list; a project keeps at least one manager, so that no team loses its own project by mistake.
 */
public final class ManagerService {
    /** The manager, and whether this call added them (201) or they already were one (200). */
    public record Added(Manager manager, boolean created) {
    }

    private final Db db;

    public ManagerService(Db db) {
        this.db = db;
    }

    public Future<Added> add(Principal p, long projectId, long userId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            Role role = tx.select(USERS.ROLE).from(USERS).where(USERS.ID.eq(userId)).fetchOne(USERS.ROLE);
            if (role == null) {
                throw Problems.invalid("user_id", "no user has the id " + userId);
            }
            if (role != Role.ENGINEER) {
                throw Problems.invalid("user_id", "user " + userId + " is an " + role + "; only engineers are made managers (admins manage every project)");
            }
            boolean created = ManagerRepository.add(tx, projectId, userId, p.userId());
            return new Added(ManagerRepository.find(tx, projectId, userId), created);
        });
    }

    public Future<Void> remove(Principal p, long projectId, long userId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            int managers = ManagerRepository.lockCount(tx, projectId);
            if (!ManagerRepository.remove(tx, projectId, userId)) {
                throw Problems.notFound("manager " + userId + " of project " + projectId);
            }
            if (managers == 1) {
                throw Problems.conflict("user_id", "user_id: " + userId + " is the project's last manager; add another manager first");
            }
            return null;
        });
    }

    public Future<List<Manager>> list(Principal p, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return ManagerRepository.list(tx, projectId);
        });
    }
}
