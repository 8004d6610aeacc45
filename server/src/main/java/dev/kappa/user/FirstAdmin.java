package dev.kappa.user;

import dev.kappa.AppConfig;
import dev.kappa.ConfigException;
import dev.kappa.auth.Passwords;
import dev.kappa.auth.Role;
import dev.kappa.auth.Secrets;
import dev.kappa.db.tables.records.UsersRecord;
import dev.kappa.sql.Db;
import dev.kappa.token.TokenService;
import org.jooq.impl.DSL;

import java.util.Optional;
import java.util.logging.Logger;

import static dev.kappa.db.Tables.API_TOKENS;
import static dev.kappa.db.Tables.USERS;

/**
 * On first start there is nobody to log in as: create the first admin from KAPPA_ADMIN_EMAIL/PASSWORD, or with a
 * one-time password printed to the log once. KAPPA_ADMIN_API_KEY becomes that admin's token. An advisory lock makes
 * this safe when several servers start on one empty database at the same moment.
 */
public final class FirstAdmin {
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    private FirstAdmin() {
    }

    public static void ensure(Db db, AppConfig config) {
        config.adminPassword().ifPresent(p -> {
            try {
                Passwords.check("KAPPA_ADMIN_PASSWORD", p);
            } catch (RuntimeException e) {
                throw new ConfigException("KAPPA_ADMIN_PASSWORD must be at least " + Passwords.MIN_LENGTH + " characters and at most " + Passwords.MAX_BYTES + " bytes");
            }
        });
        config.adminApiKey().filter(k -> k.length() < 24).ifPresent(k -> {
            throw new ConfigException("KAPPA_ADMIN_API_KEY must be at least 24 characters");
        });
        String email = config.adminEmail().orElse("admin@kappa.local");
        db.inTx(tx -> {
            UserRepository.lockFirstAdmin(tx);
            Optional<UsersRecord> admin = tx.selectFrom(USERS).where(USERS.ROLE.eq(Role.ADMIN)).orderBy(USERS.ID).limit(1).fetchOptional();
            long adminId;
            if (admin.isEmpty()) {
                String password = config.adminPassword().orElse(null);
                if (password == null) {
                    password = Secrets.random("").substring(0, 20);
                    LOG.warning("first admin created: " + email + " with one-time password " + password
                            + " (shown once; set KAPPA_ADMIN_PASSWORD to choose it)");
                } else {
                    LOG.info("first admin created: " + email);
                }
                adminId = tx.insertInto(USERS).set(USERS.EMAIL, email).set(USERS.DISPLAY_NAME, "Administrator")
                        .set(USERS.ROLE, Role.ADMIN).set(USERS.PASSWORD_HASH, Passwords.hash(password))
                        .returning(USERS.ID).fetchOne(USERS.ID);
            } else {
                adminId = admin.get().getId();
            }
            config.adminApiKey().ifPresent(key -> {
                if (!tx.fetchExists(API_TOKENS, API_TOKENS.TOKEN_HASH.eq(Secrets.sha256(key)))) {
                    TokenService.issue(tx, adminId, "KAPPA_ADMIN_API_KEY", key);
                }
            });
            return DSL.val(adminId);
        });
    }
}
