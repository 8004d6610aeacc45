package dev.kappa.analysis;

import dev.kappa.auth.Tier;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Query parameters (handed down by the routes as a {@link Query}) shared by the agreement, consensus and quality
 * endpoints. Their types, ranges and enums are openapi.yaml's (the router answers 400 naming the parameter); left here
 * are the rules the contract cannot state: {@code to} after {@code from}, a time PostgreSQL can store, and the id
 * lists. A well-formed label that the schema lacks is checked later, against the project (422).
 */
public final class AnalysisQuery {
    private AnalysisQuery() {
    }

    /** {@code tier}, {@code label}, {@code from}, {@code to} (ISO-8601 instants or dates, UTC) and {@code annotators}. */
    public static AnswerFilter filter(Query query) {
        Tier tier = tier(query);
        OffsetDateTime from = time(query, "from");
        OffsetDateTime to = time(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problems.badRequest("to", "must be after from");
        }
        java.util.List<String> workers = new java.util.ArrayList<>();
        long[] ids = ids(query, "annotators", workers);
        String named = param(query, "workers");
        if (named != null) {
            Arrays.stream(named.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(workers::add);
            if (workers.size() > 10_000) {
                throw Problems.badRequest("workers", "must list at most 10000 external worker ids");
            }
        }
        return new AnswerFilter(tier, param(query, "label"), from, to, ids,
                workers.isEmpty() ? null : workers.toArray(String[]::new));
    }

    /** {@code tier}: crowd or expert (the contract's enum), or null when absent. */
    public static Tier tier(Query query) {
        return Tier.of(param(query, "tier"));
    }

    /** A number parameter, or the fallback when absent. */
    public static double number(Query query, String name, double fallback) {
        Double d = query.number(name);
        return d == null ? fallback : d;
    }

    public static long seed(Query query, long fallback) {
        Long seed = query.whole("seed");
        return seed == null ? fallback : seed;
    }

    static String param(Query query, String name) {
        return query.value(name);
    }

    /** A date is its midnight UTC; the contract has checked the form (TimeBound), PostgreSQL's range is checked here. */
    static OffsetDateTime time(Query query, String name) {
        String v = param(query, name);
        if (v == null) {
            return null;
        }
        OffsetDateTime t;
        try {
            t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            // Only for an operation that reads the parameter without declaring it (TimeBound) in openapi.yaml.
            throw Problems.badRequest(name, "must be an ISO-8601 date (2026-01-31) or instant (2026-01-31T12:00:00Z)");
        }
        if (!dev.kappa.http.Input.inStorableRange(t)) {
            throw Problems.badRequest(name, "must be between the years 1 and 9999");
        }
        return t;
    }
    /**
     * {@code annotators}: internal user ids; a value that is not a number is taken as an external worker id (added to
     * {@code external}), so {@code annotators=w17,42} works. A numeric external id goes in {@code workers=}.
     */
    private static long[] ids(Query query, String name, java.util.List<String> external) {
        String v = param(query, name);
        if (v == null) {
            return null;
        }
        java.util.List<String> tokens = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (tokens.isEmpty() || tokens.size() > 10_000) {
            throw Problems.badRequest(name, "must list between 1 and 10000 user ids or external worker ids");
        }
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (String t : tokens) {
            if (t.chars().allMatch(Character::isDigit) && t.length() <= 18) {
                ids.add(Long.parseLong(t));
            } else if (t.indexOf('\0') >= 0 || t.length() > 200) {
                throw Problems.badRequest(name, "an external worker id is at most 200 characters, without NUL");
            } else {
                external.add(t);
            }
        }
        return ids.isEmpty() && !external.isEmpty() ? new long[0] : ids.stream().mapToLong(Long::longValue).toArray();
    }
}
