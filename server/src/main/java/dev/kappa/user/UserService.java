package dev.kappa.user;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Passwords;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.UsersRecord;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

/** Rules for people: unique emails, a tier exactly for annotators, and blocking that ends sessions at once. */
public final class UserService {
    /** A new user as asked for; the password is already checked for length. */
    public record NewUser(String email, String displayName, Role role, Tier tier, String externalId, String password) {
    }

    /** A change; null fields stay as they are. */
    public record Change(Role role, Tier tier, AccountStatus status, String displayName) {
    }

    private final Db db;

    public UserService(Db db) {
        this.db = db;
    }

    public Future<UserView> create(NewUser n) {
        Tier tier = tierFor(n.role(), n.tier());
        // Hash before the transaction so no connection waits on bcrypt.
        String hash = n.password() == null ? null : Passwords.hash(n.password());
        return db.tx(tx -> {
            if (n.email() != null && UserRepository.emailTaken(tx, n.email())) {
                throw Problems.conflict("email", "email: a user with this email already exists");
            }
            if (n.externalId() != null && UserRepository.byExternalId(tx, n.externalId()).isPresent()) {
                throw Problems.conflict("external_id", "external_id: a user with this external id already exists");
            }
            String name = n.displayName() != null ? n.displayName() : n.email() != null ? n.email() : n.externalId();
            long id = UserRepository.insert(tx, n.email(), name, n.role(), tier, n.externalId(), hash);
            return UserView.of(UserRepository.find(tx, id).orElseThrow());
        });
    }

    public Future<java.util.List<UserView.Listed>> page(long after, int limit, Role role) {
        return db.tx(tx -> UserRepository.page(tx, after, limit, role));
    }

    public Future<UserView> change(long id, Change c) {
        return db.tx(tx -> {
            UsersRecord u = UserRepository.find(tx, id).orElseThrow(() -> Problems.notFound("user " + id));
            Role role = c.role() != null ? c.role() : u.getRole();
            Tier tier = c.tier() != null ? c.tier() : (role == Role.ANNOTATOR ? u.getTier() : null);
            u.setRole(role);
            u.setTier(tierFor(role, tier));
            if (c.displayName() != null) {
                u.setDisplayName(c.displayName());
            }
            if (c.status() != null) {
                u.setStatus(c.status());
                if (c.status() == AccountStatus.BLOCKED) {
                    UserRepository.endSessions(tx, id);
                }
            }
            UserRepository.update(tx, u);
            return UserView.of(u);
        });
    }

    /** Annotators need a tier (crowd or expert); nobody else has one. */
    private static Tier tierFor(Role role, Tier tier) {
        if (role == Role.ANNOTATOR) {
            if (tier == null) {
                throw Problems.invalid("tier", "is required for an annotator (crowd or expert)");
            }
            return tier;
        }
        if (tier != null) {
            throw Problems.invalid("tier", "only annotators have a tier");
        }
        return null;
    }
}
