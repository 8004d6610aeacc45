package dev.kappa.transfer;

import dev.kappa.project.LabelSchema;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Typed reads of one uploaded record; each failure is a {@link BadField} naming the field. CSV records carry every
 * value as text, so numbers and labels are parsed from text there; JSON records must already have the right type.
 */
final class UploadFields {
    private final JsonObject o;
    private final boolean text;

    UploadFields(RowReader.Row row) {
        this.o = row.fields();
        this.text = row.text();
    }

    JsonObject json() {
        return o;
    }

    /** True for CSV records, whose values all arrive as text. */
    boolean isText() {
        return text;
    }

    /** JSON records may carry only the known fields, so a typo is reported instead of ignored. */
    void allowOnly(Set<String> allowed) {
        if (text) {
            return;
        }
        for (String f : o.fieldNames()) {
            if (!allowed.contains(f)) {
                throw new BadField(f, "is not a known field (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A value is absent when missing, null, or (in CSV) an empty cell. */
    boolean absent(String name) {
        Object v = o.getValue(name);
        return v == null || (text && v instanceof String s && s.isEmpty());
    }

    String string(String name, boolean required, int max) {
        if (absent(name)) {
            if (required) {
                throw new BadField(name, "is required");
            }
            return null;
        }
        if (!(o.getValue(name) instanceof String s)) {
            throw new BadField(name, "must be a string");
        }
        if (s.isBlank()) {
            throw new BadField(name, "must not be blank");
        }
        if (s.length() > max) {
            throw new BadField(name, "must be at most " + max + " characters");
        }
        if (s.indexOf('\0') >= 0) {
            throw new BadField(name, "must not contain the NUL character");
        }
        return s;
    }

    JsonObject object(String name, boolean required) {
        if (absent(name)) {
            if (required) {
                throw new BadField(name, "is required");
            }
            return null;
        }
        Object v = o.getValue(name);
        if (text && v instanceof String s) {
            try {
                v = new JsonObject(s);
            } catch (RuntimeException e) {
                throw new BadField(name, "must be a JSON object");
            }
        }
        if (v instanceof RawJson raw && raw.object()) {
            v = raw.decode();
        }
        if (!(v instanceof JsonObject j)) {
            throw new BadField(name, "must be an object");
        }
        return j;
    }

    /** A JSON record's object field as the raw UTF-8 JSON it arrived as (no tree is built), or null if absent. */
    RawJson rawObject(String name, boolean required) {
        if (absent(name)) {
            if (required) {
                throw new BadField(name, "is required");
            }
            return null;
        }
        if (!(o.getValue(name) instanceof RawJson raw) || !raw.object()) {
            throw new BadField(name, "must be an object");
        }
        if (raw.hasNulEscape()) {
            throw new BadField(name, "must not contain the NUL character (\\u0000)");
        }
        return raw;
    }

    Long integer(String name, long min, long max) {
        Double d = numeric(name, "a whole number", true);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || d < min || d > max) {
            throw new BadField(name, "must be a whole number from " + min + " to " + max);
        }
        return d.longValue();
    }

    Double number(String name, double min, double max) {
        Double d = numeric(name, "a number", false);
        if (d != null && !(d >= min && d <= max)) {
            throw new BadField(name, "must be a number from " + min + " to " + max);
        }
        return d;
    }

    /** A JSON number, or in a CSV file the cell's text read as one; null when absent. */
    private Double numeric(String name, String kind, boolean whole) {
        if (absent(name)) {
            return null;
        }
        Object v = o.getValue(name);
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        if (text && v instanceof String s) {
            try {
                return whole ? (double) Long.parseLong(s.trim()) : Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadField(name, "must be " + kind);
    }

    /** An instant in RFC 3339 (with an offset), or a plain date taken as midnight UTC. */
    OffsetDateTime time(String name) {
        String s = string(name, false, 64);
        return s == null ? null : parseTime(s, name);
    }

    static OffsetDateTime parseTime(String s, String name) {
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(s.trim());
        } catch (DateTimeParseException e) {
            try {
                t = LocalDate.parse(s.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new BadField(name, "must be a date-time with offset, such as 2026-01-31T10:00:00Z, or a date");
            }
        }
        if (!dev.kappa.http.Input.inStorableRange(t)) {
            throw new BadField(name, "must be between the years 1 and 9999");
        }
        return t;
    }


    /** A label in canonical form, checked against the schema. */
    Object label(String name, LabelSchema schema, boolean required) {
        if (absent(name)) {
            if (required) {
                throw new BadField(name, "is required");
            }
            return null;
        }
        Object v = o.getValue(name);
        if (v instanceof RawJson raw) {
            v = raw.decode();
        }
        try {
            return text && v instanceof String s ? schema.canonicalFromText(s) : schema.canonical(v);
        } catch (LabelSchema.BadLabel e) {
            throw new BadField(name, e.getMessage());
        }
    }

    /** PostgreSQL's jsonb cannot hold the NUL character; JSON text escapes it as backslash-u0000. */
    static void checkJsonText(String name, String encoded) {
        int i = encoded.indexOf("u0000");
        while (i >= 0) {
            int backslashes = 0;
            for (int j = i - 1; j >= 0 && encoded.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                throw new BadField(name, "must not contain the NUL character (\\u0000)");
            }
            i = encoded.indexOf("u0000", i + 1);
        }
    }
}
