package dev.kappa.project;

import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.http.Input;
import io.vertx.core.json.JsonObject;
import org.jooq.JSONB;
import org.jooq.TableField;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.kappa.db.Tables.PROJECTS;

/**
 * A project body (create or PATCH) read into the columns it sets. Unknown fields are rejected so that a typo never
 * silently leaves a setting at its default. In a PATCH, absent fields stay as they are; nested objects
 * ({@code overlap}, {@code escalation}, {@code hourly_rate}) may be partial; {@code null} clears a nullable setting.
 */
record ProjectSettings(Map<TableField<ProjectsRecord, ?>, Object> columns, LabelSchema schema) {
    private static final Set<String> FIELDS = Set.of("name", "description", "instructions", "schema", "overlap",
            "expert_on_all", "gold_rate", "baseline_sample_rate", "lease_ttl_seconds", "escalation", "breadth_first",
            "pre_annotation", "hourly_rate", "daily_quota", "max_open_leases", "adaptive_overlap");
    private static final Set<String> TIERS = Set.of("crowd", "expert");

    static ProjectSettings read(Input in, boolean create) {
        JsonObject body = in.json();
        for (String f : body.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw Problems.invalid(f, "is not a project setting");
            }
        }
        Map<TableField<ProjectsRecord, ?>, Object> c = new LinkedHashMap<>();
        if (create || body.containsKey("name")) {
            c.put(PROJECTS.NAME, in.string("name", true, 200).strip());
        }
        text(in, body, "description", 10_000, PROJECTS.DESCRIPTION, c);
        text(in, body, "instructions", 200_000, PROJECTS.INSTRUCTIONS, c);
        LabelSchema schema = null;
        if (create || body.containsKey("schema")) {
            schema = LabelSchema.parse(body.getValue("schema"));
            c.put(PROJECTS.SCHEMA, JSONB.valueOf(schema.stored()));
        }
        JsonObject overlap = nested(in, "overlap", TIERS);
        if (overlap != null) {
            Input o = Input.of(overlap);
            putIfPresent(c, PROJECTS.OVERLAP_CROWD, overlap, "crowd", () -> prefixed("overlap.", () -> required(o.integer("crowd", false, 0, 100), "crowd")));
            putIfPresent(c, PROJECTS.OVERLAP_EXPERT, overlap, "expert", () -> prefixed("overlap.", () -> required(o.integer("expert", false, 0, 100), "expert")));
        }
        flag(in, body, "expert_on_all", PROJECTS.EXPERT_ON_ALL, c);
        flag(in, body, "breadth_first", PROJECTS.BREADTH_FIRST, c);
        flag(in, body, "pre_annotation", PROJECTS.PRE_ANNOTATION, c);
        putIfPresent(c, PROJECTS.GOLD_RATE, body, "gold_rate", () -> required(in.number("gold_rate", false, 0, 1), "gold_rate"));
        putIfPresent(c, PROJECTS.BASELINE_SAMPLE_RATE, body, "baseline_sample_rate",
                () -> required(in.number("baseline_sample_rate", false, 0, 1), "baseline_sample_rate"));
        putIfPresent(c, PROJECTS.LEASE_TTL_SECONDS, body, "lease_ttl_seconds",
                () -> required(in.integer("lease_ttl_seconds", false, 10, 86_400), "lease_ttl_seconds"));
        JsonObject escalation = nested(in, "escalation", Set.of("min_agreement", "on_gold_conflict"));
        if (escalation != null) {
            Input e = Input.of(escalation);
            putIfPresent(c, PROJECTS.ESCALATION_MIN_AGREEMENT, escalation, "min_agreement",
                    () -> prefixed("escalation.", () -> required(e.number("min_agreement", false, 0, 1), "min_agreement")));
            putIfPresent(c, PROJECTS.ESCALATE_ON_GOLD_CONFLICT, escalation, "on_gold_conflict",
                    () -> prefixed("escalation.", () -> required(e.bool("on_gold_conflict", false), "on_gold_conflict")));
        }
        JsonObject rates = nested(in, "hourly_rate", TIERS);
        if (rates != null) {
            Input r = Input.of(rates);
            putIfPresent(c, PROJECTS.HOURLY_RATE_CROWD, rates, "crowd", () -> prefixed("hourly_rate.", () -> r.number("crowd", false, 0, 1e9)));
            putIfPresent(c, PROJECTS.HOURLY_RATE_EXPERT, rates, "expert", () -> prefixed("hourly_rate.", () -> r.number("expert", false, 0, 1e9)));
        }
        putIfPresent(c, PROJECTS.DAILY_QUOTA, body, "daily_quota", () -> in.integer("daily_quota", false, 1, 1_000_000));
        if (body.containsKey("adaptive_overlap")) {
            JsonObject a = nested(in, "adaptive_overlap", Set.of("max_crowd", "min_agreement"));
            if (a == null) { // null switches adaptive overlap off
                c.put(PROJECTS.ADAPTIVE_MAX_CROWD, null);
                c.put(PROJECTS.ADAPTIVE_MIN_AGREEMENT, null);
            } else {
                Input o = Input.of(a);
                c.put(PROJECTS.ADAPTIVE_MAX_CROWD, prefixed("adaptive_overlap.", () -> required(o.integer("max_crowd", false, 1, 100), "max_crowd")));
                c.put(PROJECTS.ADAPTIVE_MIN_AGREEMENT, prefixed("adaptive_overlap.", () -> required(o.number("min_agreement", false, 0, 1), "min_agreement")));
            }
        }
        putIfPresent(c, PROJECTS.MAX_OPEN_LEASES, body, "max_open_leases",
                () -> required(in.integer("max_open_leases", false, 1, 100), "max_open_leases"));
        return new ProjectSettings(c, schema);
    }

    private static void text(Input in, JsonObject body, String field, int max, TableField<ProjectsRecord, String> column,
                             Map<TableField<ProjectsRecord, ?>, Object> c) {
        putIfPresent(c, column, body, field, () -> {
            String s = in.string(field, false, max);
            return s == null ? "" : s;
        });
    }

    private static void flag(Input in, JsonObject body, String field, TableField<ProjectsRecord, Boolean> column,
                             Map<TableField<ProjectsRecord, ?>, Object> c) {
        putIfPresent(c, column, body, field, () -> required(in.bool(field, false), field));
    }

    private static JsonObject nested(Input in, String field, Set<String> allowed) {
        JsonObject o = in.object(field, false);
        if (o != null) {
            for (String f : o.fieldNames()) {
                if (!allowed.contains(f)) {
                    throw Problems.invalid(field + "." + f, "is not known here (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }
        return o;
    }

    private static void putIfPresent(Map<TableField<ProjectsRecord, ?>, Object> c, TableField<ProjectsRecord, ?> column,
                                     JsonObject body, String field, java.util.function.Supplier<Object> value) {
        if (body.containsKey(field)) {
            c.put(column, value.get());
        }
    }

    /** Input's readers name the inner field; nested settings are reported with their full path. */
    private static Object prefixed(String prefix, java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (dev.kappa.error.ApiException e) {
            throw Problems.invalid(prefix + e.field(), e.violations().get(0).reason());
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw Problems.invalid(field, "must not be null");
        }
        return value;
    }
}
