package dev.kappa;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting comes from an environment variable with a default; the README lists them all.
 * Parsing is strict so that a typo stops the start with a message naming the variable.
 */
public record AppConfig(
        String httpHost,
        int httpPort,
        Optional<String> databaseUrl,
        String databaseUser,
        String databasePassword,
        Path dataDir,
        int embeddedDbPort,
        int dbPoolSize,
        int dbConnectTimeoutMs,
        int workerPoolSize,
        long bodyLimitBytes,
        int shutdownTimeoutSeconds,
        Optional<String> adminEmail,
        Optional<String> adminPassword,
        Optional<String> adminApiKey,
        boolean cookieSecure,
        int loginMaxFailures,
        int loginMaxFailuresPerAddress,
        int loginWindowSeconds,
        int sessionHours,
        int authCacheSeconds,
        int hardnessIntervalMs,
        int qualitySweepSeconds,
        String trustedProxies,
        int dbWorkMemMb,
        int httpInstances,
        String logFormat,
        String metricsAllow,
        Optional<String> metricsToken) {

    public static AppConfig fromEnv(Map<String, String> env) {
        Settings s = new Settings(env);
        int pool = s.integer("KAPPA_DB_POOL_SIZE", 16, 1, 500);
        return new AppConfig(
                s.string("KAPPA_HTTP_HOST", "0.0.0.0"),
                s.integer("KAPPA_HTTP_PORT", 8080, 0, 65535),
                s.optional("KAPPA_DATABASE_URL").map(Settings::jdbcUrl),
                s.string("KAPPA_DATABASE_USER", ""),
                s.string("KAPPA_DATABASE_PASSWORD", ""),
                Path.of(s.string("KAPPA_DATA_DIR", "./kappa-data")).toAbsolutePath().normalize(),
                s.integer("KAPPA_EMBEDDED_DB_PORT", 0, 0, 65535),
                pool,
                s.integer("KAPPA_DB_CONNECT_TIMEOUT_MS", 2000, 250, 600_000),
                s.integer("KAPPA_WORKER_POOL_SIZE", pool, 1, 1000),
                s.integer("KAPPA_BODY_LIMIT_BYTES", 1 << 20, 1024, Integer.MAX_VALUE),
                s.integer("KAPPA_SHUTDOWN_TIMEOUT_SECONDS", 10, 0, 3600),
                s.optional("KAPPA_ADMIN_EMAIL"),
                s.optional("KAPPA_ADMIN_PASSWORD"),
                s.optional("KAPPA_ADMIN_API_KEY"),
                s.bool("KAPPA_COOKIE_SECURE", false),
                s.integer("KAPPA_LOGIN_MAX_FAILURES", 5, 1, 1000),
                s.integer("KAPPA_LOGIN_MAX_FAILURES_PER_ADDRESS", 50, 1, 100_000),
                s.integer("KAPPA_LOGIN_WINDOW_SECONDS", 900, 1, 86_400),
                s.integer("KAPPA_SESSION_HOURS", 12, 1, 24 * 90),
                s.integer("KAPPA_AUTH_CACHE_SECONDS", 30, 0, 3600),
                s.integer("KAPPA_HARDNESS_INTERVAL_MS", 1000, 0, 3_600_000),
                s.integer("KAPPA_QUALITY_SWEEP_SECONDS", 60, 0, 86_400),
                s.trustedProxies("KAPPA_TRUSTED_PROXIES"),
                s.integer("KAPPA_DB_WORK_MEM_MB", 128, 1, 65_536),
                s.integer("KAPPA_HTTP_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 256),
                s.oneOf("KAPPA_LOG_FORMAT", "plain", "plain", "json"),
                s.addresses("KAPPA_METRICS_ALLOW", "127.0.0.1,::1"),
                s.secret("KAPPA_METRICS_TOKEN", 24));
    }

    public boolean embedded() {
        return databaseUrl.isEmpty();
    }

    /** Small strict parsers; each failure names the variable and what was wrong. */
    private record Settings(Map<String, String> env) {
        Optional<String> optional(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n < min || n > max) {
                    throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be a whole number, got '" + v.get() + "'");
            }
        }

        /** A comma-separated list of proxy addresses or CIDR ranges whose X-Forwarded-For is believed. */
        String trustedProxies(String name) {
            String v = string(name, "");
            try {
                dev.kappa.http.TrustedProxies.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
            return v;
        }

        /** Address list in KAPPA_TRUSTED_PROXIES' syntax; "none" stands for the empty list (a blank means the default). */
        String addresses(String name, String fallback) {
            String v = string(name, fallback);
            if (v.equalsIgnoreCase("none")) {
                return "";
            }
            try {
                dev.kappa.http.TrustedProxies.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
            return v;
        }

        String oneOf(String name, String fallback, String... allowed) {
            String v = string(name, fallback).toLowerCase();
            if (!java.util.List.of(allowed).contains(v)) {
                throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
            }
            return v;
        }

        Optional<String> secret(String name, int minLength) {
            Optional<String> v = optional(name);
            if (v.isPresent() && v.get().length() < minLength) {
                throw new ConfigException(name + " must be at least " + minLength + " characters");
            }
            return v;
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) {
                return fallback;
            }
            return switch (v.get().toLowerCase()) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new ConfigException(name + " must be true or false, got '" + v.get() + "'");
            };
        }

        /** Accepts a JDBC URL or the libpq form postgres://host:port/db that compose files tend to use. */
        static String jdbcUrl(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return url;
            }
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                String rest = url.substring(url.indexOf("://") + 3);
                if (rest.contains("@")) {
                    throw new ConfigException("KAPPA_DATABASE_URL must not carry credentials; use KAPPA_DATABASE_USER and KAPPA_DATABASE_PASSWORD");
                }
                return "jdbc:postgresql://" + rest;
            }
            throw new ConfigException("KAPPA_DATABASE_URL must start with jdbc:postgresql: or postgres://, got '" + url + "'");
        }
    }
}
