package dev.kappa.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.error.Problems;
import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's answer kind and labels, and the one place that decides whether a label value fits them.
 * Stored values are canonical so SQL can compare them with {@code =}: a key string for {@code single}, an array of
 * distinct keys in schema order for {@code multi}, and an integer 1..k for {@code rating} (whose keys are "1".."k").
 */
public final class LabelSchema {
    public record Label(String key, String name, @JsonInclude(JsonInclude.Include.NON_NULL) String hotkey) {
    }

    /** What is stored: the kind, then the labels, a label's hotkey only when it has one. */
    private record Stored(String kind, List<Label> labels) {
    }

    public static final Set<String> KINDS = Set.of("single", "multi", "rating");
    public static final int MAX_LABELS = 200;
    /** No whitespace and no '|': a CSV cell lists multi labels separated by '|'. */
    private static final Pattern KEY = Pattern.compile("^[\\p{L}\\p{N}_.:\\-]{1,64}$");

    private final String kind;
    private final List<Label> labels;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelSchema(String kind, List<Label> labels) {
        this.kind = kind;
        this.labels = List.copyOf(labels);
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i).key(), i);
        }
    }

    public String kind() {
        return kind;
    }

    public List<Label> labels() {
        return labels;
    }

    public static LabelSchema parse(Object value) {
        if (!(value instanceof JsonObject json)) {
            throw Problems.invalid("schema", "must be an object with kind and labels");
        }
        for (String f : json.fieldNames()) {
            if (!f.equals("kind") && !f.equals("labels")) {
                throw Problems.invalid("schema." + f, "is not a known field (kind, labels)");
            }
        }
        Object kind = json.getValue("kind");
        if (!(kind instanceof String k) || !KINDS.contains(k)) {
            throw Problems.invalid("schema.kind", "must be one of multi, rating, single");
        }
        if (!(json.getValue("labels") instanceof JsonArray array)) {
            throw Problems.invalid("schema.labels", "must be an array of {key, name, hotkey}");
        }
        int min = k.equals("multi") ? 1 : 2;
        if (array.size() < min || array.size() > MAX_LABELS) {
            throw Problems.invalid("schema.labels", "must have between " + min + " and " + MAX_LABELS + " labels");
        }
        List<Label> labels = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> hotkeys = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "schema.labels[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject l)) {
                throw Problems.invalid(at, "must be an object {key, name, hotkey}");
            }
            for (String f : l.fieldNames()) {
                if (!Set.of("key", "name", "hotkey").contains(f)) {
                    throw Problems.invalid(at + "." + f, "is not a known field (key, name, hotkey)");
                }
            }
            String key = text(l, "key", at, true, 64);
            if (!KEY.matcher(key).matches()) {
                throw Problems.invalid(at + ".key", "must be 1-64 letters, digits, '_', '.', ':' or '-'");
            }
            if (k.equals("rating") && !key.equals(String.valueOf(i + 1))) {
                throw Problems.invalid(at + ".key", "must be \"" + (i + 1) + "\": a rating scale's keys are 1..k in order");
            }
            if (!keys.add(key)) {
                throw Problems.invalid(at + ".key", "repeats the key '" + key + "'");
            }
            String name = l.getValue("name") == null ? key : text(l, "name", at, true, 200);
            String hotkey = text(l, "hotkey", at, false, 1);
            if (hotkey != null) {
                if (hotkey.isBlank()) {
                    throw Problems.invalid(at + ".hotkey", "must be one visible character");
                }
                if (!hotkeys.add(hotkey.toLowerCase(Locale.ROOT))) {
                    throw Problems.invalid(at + ".hotkey", "repeats the hotkey '" + hotkey + "'");
                }
            }
            labels.add(new Label(key, name, hotkey));
        }
        return new LabelSchema(k, labels);
    }

    public static LabelSchema fromJson(String stored) {
        return parse(new JsonObject(stored));
    }

    private static String text(JsonObject o, String field, String at, boolean required, int max) {
        Object v = o.getValue(field);
        if (v == null) {
            if (required) {
                throw Problems.invalid(at + "." + field, "is required");
            }
            return null;
        }
        if (!(v instanceof String s) || (required && s.isBlank())) {
            throw Problems.invalid(at + "." + field, "must be a non-blank string");
        }
        if (s.codePointCount(0, s.length()) > max) {
            throw Problems.invalid(at + "." + field, "must be at most " + max + " character" + (max == 1 ? "" : "s"));
        }
        return s;
    }

    /** The schema as the projects table stores it (jsonb text). */
    public String stored() {
        return RecordJson.encode(new Stored(kind, labels));
    }

    public List<String> keys() {
        return labels.stream().map(Label::key).toList();
    }

    /** The stored form of one label key, as used in gold, answers and predictions. */
    public Object storedValue(String key) {
        return kind.equals("rating") ? (Object) Integer.valueOf(key) : key;
    }

    /** A label value read from JSON, in canonical form; throws {@link BadLabel} with the reason if it does not fit. */
    public Object canonical(Object value) {
        switch (kind) {
            case "single" -> {
                if (value instanceof String s && indexOf(s) >= 0) {
                    return s;
                }
                throw new BadLabel("must be one of the label keys " + keys() + ", got " + show(value));
            }
            case "rating" -> {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && n.doubleValue() >= 1 && n.doubleValue() <= labels.size()) {
                    return n.intValue();
                }
                throw new BadLabel("must be a whole number from 1 to " + labels.size() + ", got " + show(value));
            }
            default -> {
                if (!(value instanceof JsonArray a)) {
                    throw new BadLabel("must be an array of label keys from " + keys() + ", got " + show(value));
                }
                boolean[] seen = new boolean[labels.size()];
                for (Object o : a) {
                    int i = o instanceof String s ? indexOf(s) : -1;
                    if (i < 0) {
                        throw new BadLabel("has " + show(o) + ", which is not one of the label keys " + keys());
                    }
                    if (seen[i]) {
                        throw new BadLabel("repeats the key " + show(o));
                    }
                    seen[i] = true;
                }
                JsonArray sorted = new JsonArray();
                for (int i = 0; i < seen.length; i++) {
                    if (seen[i]) {
                        sorted.add(labels.get(i).key());
                    }
                }
                return sorted;
            }
        }
    }

    /** A label written in a CSV cell: a key, keys separated by '|' (or a JSON array) for multi, an integer for rating. */
    public Object canonicalFromText(String cell) {
        String t = cell.trim();
        switch (kind) {
            case "rating" -> {
                try {
                    return canonical(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new BadLabel("must be a whole number from 1 to " + labels.size() + ", got '" + cell + "'");
                }
            }
            case "multi" -> {
                if (t.startsWith("[")) {
                    try {
                        return canonical(new JsonArray(t));
                    } catch (io.vertx.core.json.DecodeException e) {
                        throw new BadLabel("is not a valid JSON array of label keys");
                    }
                }
                JsonArray a = new JsonArray();
                for (String part : t.split("\\|", -1)) {
                    a.add(part.trim());
                }
                return canonical(t.isEmpty() ? new JsonArray() : a);
            }
            default -> {
                return canonical(t);
            }
        }
    }

    private int indexOf(String key) {
        return index.getOrDefault(key, -1);
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** A label that does not fit the schema; cheap to throw (no stack) because imports may meet many. */
    public static final class BadLabel extends RuntimeException {
        public BadLabel(String reason) {
            super(reason, null, false, false);
        }
    }
}
