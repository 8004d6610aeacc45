package dev.kappa.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's labels as class indices 0..k-1, in schema order: a {@code single} key, a {@code rating} value v
 * (class v - 1, so the scale order is the class order that ordinal statistics need), or each key of a
 * {@code multi} answer (judged one label at a time, present or absent).
 */
public final class LabelSpace {
    private final String kind;
    private final List<String> keys;
    private final Map<String, Integer> index = new HashMap<>();

    public LabelSpace(String kind, List<String> keys) {
        if (!List.of("single", "multi", "rating").contains(kind) || keys.isEmpty()) {
            throw new IllegalArgumentException("unknown schema kind " + kind + " or no labels");
        }
        this.kind = kind;
        this.keys = List.copyOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
    }

    /** From the stored {@code projects.schema}: {"kind": ..., "labels": [{"key": ...}, ...]}. */
    public static LabelSpace ofSchema(String schemaJson) {
        JsonObject schema = new JsonObject(schemaJson);
        JsonArray labels = schema.getJsonArray("labels");
        return new LabelSpace(schema.getString("kind"),
                labels.stream().map(l -> ((JsonObject) l).getString("key")).toList());
    }

    public String kind() {
        return kind;
    }

    public boolean multi() {
        return kind.equals("multi");
    }

    public boolean rating() {
        return kind.equals("rating");
    }

    public List<String> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    /** The class of a key (a rating's key is its value as text), or -1 if the schema has no such label. */
    public int classOf(String key) {
        Integer c = index.get(key);
        return c == null ? -1 : c;
    }

    /** A class in the form answers store it: the key, or the integer value of a rating. */
    public Object stored(int c) {
        return rating() ? (Object) Integer.valueOf(keys.get(c)) : keys.get(c);
    }

    /** Words of a per-answer bit set over the labels (multi). */
    int words() {
        return (keys.size() + 63) >>> 6;
    }
}
