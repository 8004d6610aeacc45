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
 * A project body (create or PATCH) read into the columns it sets. openapi.yaml (ProjectInput) states the types,
 * ranges and required fields, and the router has checked them before this runs; what is left here is what the contract
 * cannot say: unknown fields (ProjectInput is also the base of the Project answer, and OpenAPI 3.0 cannot close a
 * schema that another extends) and the label schema's own rules ({@link LabelSchema}). A typo never silently leaves a
 * setting at its default. In a PATCH, absent fields stay as they are; nested objects ({@code overlap},
 * {@code escalation}, {@code hourly_rate}) may be partial; {@code null} clears a nullable setting.
 */
record ProjectSettings(Map<TableField<ProjectsRecord, ?>, Object> columns, LabelSchema schema) {
    private static final Set<String> FIELDS = Set.of("name", "description", "instructions", "schema", "overlap",
            "expert_on_all", "gold_rate", "baseline_sample_rate", "lease_ttl_seconds", "escalation", "breadth_first",
            "pre_annotation", "hourly_rate", "daily_quota", "max_open_leases", "adaptive_overlap");
    private static final Set<String> TIERS = Set.of("crowd", "expert");

    static ProjectSettings read(Input in, boolean create) {
        JsonObject body = in.json();
        known(body, null, FIELDS);
        Map<TableField<ProjectsRecord, ?>, Object> c = new LinkedHashMap<>();
        if (body.containsKey("name")) {
            c.put(PROJECTS.NAME, body.getString("name").strip());
        }
        text(body, "description", PROJECTS.DESCRIPTION, c);
        text(body, "instructions", PROJECTS.INSTRUCTIONS, c);
        LabelSchema schema = null;
        if (create || body.containsKey("schema")) {
            schema = LabelSchema.parse(body.getValue("schema"));
            c.put(PROJECTS.SCHEMA, JSONB.valueOf(schema.stored()));
        }
        JsonObject overlap = nested(body, "overlap", TIERS);
        if (overlap != null) {
            putInteger(c, PROJECTS.OVERLAP_CROWD, overlap, "crowd");
            putInteger(c, PROJECTS.OVERLAP_EXPERT, overlap, "expert");
        }
        put(c, PROJECTS.EXPERT_ON_ALL, body, "expert_on_all");
        put(c, PROJECTS.BREADTH_FIRST, body, "breadth_first");
        put(c, PROJECTS.PRE_ANNOTATION, body, "pre_annotation");
        putNumber(c, PROJECTS.GOLD_RATE, body, "gold_rate");
        putNumber(c, PROJECTS.BASELINE_SAMPLE_RATE, body, "baseline_sample_rate");
        putInteger(c, PROJECTS.LEASE_TTL_SECONDS, body, "lease_ttl_seconds");
        JsonObject escalation = nested(body, "escalation", Set.of("min_agreement", "on_gold_conflict"));
        if (escalation != null) {
            putNumber(c, PROJECTS.ESCALATION_MIN_AGREEMENT, escalation, "min_agreement");
            put(c, PROJECTS.ESCALATE_ON_GOLD_CONFLICT, escalation, "on_gold_conflict");
        }
        JsonObject rates = nested(body, "hourly_rate", TIERS);
        if (rates != null) {
            putNumber(c, PROJECTS.HOURLY_RATE_CROWD, rates, "crowd");
            putNumber(c, PROJECTS.HOURLY_RATE_EXPERT, rates, "expert");
        }
        putInteger(c, PROJECTS.DAILY_QUOTA, body, "daily_quota");
        if (body.containsKey("adaptive_overlap")) {
            JsonObject a = nested(body, "adaptive_overlap", Set.of("max_crowd", "min_agreement"));
            // null switches adaptive overlap off; otherwise the contract requires both fields.
            c.put(PROJECTS.ADAPTIVE_MAX_CROWD, a == null ? null : a.getInteger("max_crowd"));
            c.put(PROJECTS.ADAPTIVE_MIN_AGREEMENT, a == null ? null : a.getDouble("min_agreement"));
        }
        putInteger(c, PROJECTS.MAX_OPEN_LEASES, body, "max_open_leases");
        return new ProjectSettings(c, schema);
    }

    /** Null text is stored as none (""). */
    private static void text(JsonObject body, String field, TableField<ProjectsRecord, String> column,
                             Map<TableField<ProjectsRecord, ?>, Object> c) {
        if (body.containsKey(field)) {
            String s = body.getString(field);
            c.put(column, s == null ? "" : s);
        }
    }

    private static JsonObject nested(JsonObject body, String field, Set<String> allowed) {
        JsonObject o = body.getJsonObject(field);
        if (o != null) {
            known(o, field, allowed);
        }
        return o;
    }

    private static void known(JsonObject o, String parent, Set<String> allowed) {
        for (String f : o.fieldNames()) {
            if (!allowed.contains(f)) {
                throw parent == null ? Problems.invalid(f, "is not a project setting")
                        : Problems.invalid(parent + "." + f, "is not known here (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A boolean as the contract typed it. */
    private static void put(Map<TableField<ProjectsRecord, ?>, Object> c, TableField<ProjectsRecord, ?> column,
                            JsonObject body, String field) {
        if (body.containsKey(field)) {
            c.put(column, body.getValue(field));
        }
    }

    /** An integer column: the contract's integer includes 3.0. */
    private static void putInteger(Map<TableField<ProjectsRecord, ?>, Object> c, TableField<ProjectsRecord, ?> column,
                                   JsonObject body, String field) {
        if (body.containsKey(field)) {
            c.put(column, body.getInteger(field));
        }
    }

    /** A number column: JSON's 1 is as good as 1.0. */
    private static void putNumber(Map<TableField<ProjectsRecord, ?>, Object> c, TableField<ProjectsRecord, ?> column,
                                  JsonObject body, String field) {
        if (body.containsKey(field)) {
            c.put(column, body.getDouble(field));
        }
    }
}
