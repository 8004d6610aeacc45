package dev.kappa.auth;

/** The authenticated caller of one request. {@code csrfToken} is set only for cookie sessions. */
public record Principal(long userId, String email, String displayName, Role role, Tier tier, AccountStatus status,
                        String csrfToken) {
    public boolean viaSession() {
        return csrfToken != null;
    }
}
