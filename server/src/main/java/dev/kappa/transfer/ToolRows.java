package dev.kappa.transfer;

import dev.kappa.project.LabelSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns records of another tool's export into Kappa's answer records (item, annotator, tier, label, duration_ms,
 * created_at) as they stream by: renamed columns for CSV, TSV and JSONL, one record per annotation for Label Studio's
 * tasks, Prodigy's accept/reject decisions. Records that hold no answer (an ignored Prodigy example, a cancelled Label
 * Studio annotation, a rejected Toloka assignment) are counted as skipped, never silently lost. Other columns of a
 * mapped file are ignored: exports carry many that are not answers.
 */
final class ToolRows implements RowReader {
    static final List<String> TARGETS = List.of("item", "annotator", "tier", "label", "duration_ms", "created_at");

    private final RowReader in;
    private final AnswerSource source;
    /** Kappa field -> the source's field (or dotted path, for Label Studio's item). */
    private final Map<String, String> from;
    private final LabelSchema schema;
    private final String fromName;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private boolean headerRead;
    private long skipped;

    private ToolRows(RowReader in, AnswerSource source, Map<String, String> from, LabelSchema schema, String fromName) {
        this.in = in;
        this.source = source;
        this.from = new java.util.HashMap<>(from);
        this.schema = schema;
        this.fromName = fromName;
    }

    /** Kappa's own records without a mapping pass through untouched, so their strict checks (unknown fields) stay. */
    static RowReader wrap(RowReader in, AnswerSource source, Map<String, String> mapping, LabelSchema schema, String fromName) {
        if (source == AnswerSource.KAPPA && mapping.isEmpty()) {
            return in;
        }
        Map<String, String> from = new java.util.HashMap<>(source.defaults());
        from.putAll(mapping);
        return new ToolRows(in, source, from, schema, fromName);
    }

    long skipped() {
        return skipped;
    }

    /** The Kappa fields this file provides, from its header; null when it has none (JSON formats). */
    @Override
    public List<String> columns() throws IOException {
        List<String> src = in.columns();
        if (src == null) {
            return null;
        }
        if (!headerRead) {
            headerRead = true;
            if (source == AnswerSource.TOLOKA && !from.containsKey("label")) {
                src.stream().filter(c -> c.startsWith("OUTPUT:")).findFirst().ifPresent(c -> from.put("label", c));
            }
        }
        List<String> present = new ArrayList<>();
        for (String t : TARGETS) {
            if (src.contains(from.getOrDefault(t, t))) {
                present.add(t);
            }
        }
        return present;
    }

    @Override
    public Row next() throws IOException {
        if (!headerRead) {
            columns();
        }
        while (pending.isEmpty()) {
            Row r = in.next();
            if (r == null) {
                return null;
            }
            if (r.problem() != null) {
                return r;
            }
            switch (source) {
                case LABEL_STUDIO -> labelStudio(r);
                case PRODIGY -> prodigy(r);
                case TOLOKA -> {
                    if ("REJECTED".equals(r.fields().getValue("ASSIGNMENT:status"))) {
                        skipped++;
                    } else {
                        pending.add(renamed(r));
                    }
                }
                default -> pending.add(renamed(r));
            }
        }
        return pending.poll();
    }

    private Row renamed(Row r) {
        JsonObject out = new JsonObject();
        for (String t : TARGETS) {
            Object v = r.fields().getValue(from.getOrDefault(t, t));
            if (v != null) {
                out.put(t, ("item".equals(t) || "annotator".equals(t)) && v instanceof Number n ? n.toString() : v);
            }
        }
        return new Row(r.line(), out, r.text(), null);
    }

    /** One record per annotation of a task; the item is the task's id unless the request names another field. */
    private void labelStudio(Row r) {
        JsonObject task = r.fields();
        Object item = path(task, from.get("item"));
        Object anns = task.getValue("annotations") != null ? task.getValue("annotations") : task.getValue("completions");
        if (!(anns instanceof JsonArray list) || list.isEmpty()) {
            skipped++;
            return;
        }
        for (Object a : list) {
            if (!(a instanceof JsonObject ann) || Boolean.TRUE.equals(ann.getValue("was_cancelled"))) {
                skipped++;
                continue;
            }
            Object label = lsLabel(ann.getValue("result"));
            if (label == null) {
                skipped++;
                continue;
            }
            JsonObject out = new JsonObject().put("label", label);
            if (item != null) {
                out.put("item", item instanceof Number n ? n.toString() : item);
            }
            Object by = ann.getValue("completed_by");
            if (by instanceof JsonObject o) {
                by = o.getValue("email") != null ? o.getValue("email") : o.getValue("id");
            }
            if (by != null) {
                out.put("annotator", by instanceof Number n ? n.toString() : by);
            }
            if (ann.getValue("lead_time") instanceof Number secs) {
                out.put("duration_ms", Math.round(secs.doubleValue() * 1000));
            }
            if (ann.getValue("created_at") != null) {
                out.put("created_at", ann.getValue("created_at"));
            }
            pending.add(new Row(r.line(), out, false, null));
        }
    }

    /** The first choices (or rating) result, or the one from the control named by from_name. */
    private Object lsLabel(Object result) {
        if (!(result instanceof JsonArray rs)) {
            return null;
        }
        for (Object o : rs) {
            if (!(o instanceof JsonObject r) || !(r.getValue("value") instanceof JsonObject v)
                    || (fromName != null && !fromName.equals(r.getValue("from_name")))) {
                continue;
            }
            if (v.getValue("choices") instanceof JsonArray choices) {
                return "multi".equals(schema.kind()) ? choices : choices.size() == 1 ? choices.getValue(0) : choices;
            }
            if (v.getValue("rating") != null) {
                return v.getValue("rating");
            }
        }
        return null;
    }

    /**
     * Prodigy: {@code ignore} holds no answer. A choice task's {@code accept} list is the label; a binary task's
     * {@code label} is the answer when accepted, and when rejected it is the other label of a two-label single schema
     * (with more labels a reject says only what the answer is not, so it is skipped).
     */
    private void prodigy(Row r) {
        JsonObject f = r.fields();
        Object answer = f.getValue("answer");
        Object accept = f.getValue("accept") instanceof RawJson raw ? raw.decode() : f.getValue("accept");
        Object label = null;
        if ("accept".equals(answer) && accept instanceof JsonArray chosen && !chosen.isEmpty()) {
            label = "multi".equals(schema.kind()) ? chosen : chosen.size() == 1 ? chosen.getValue(0) : chosen;
        } else if ("accept".equals(answer) && accept == null) {
            label = f.getValue("label");
        } else if ("reject".equals(answer) && accept == null && f.getValue("label") instanceof String rejected
                && "single".equals(schema.kind()) && schema.keys().size() == 2 && schema.keys().contains(rejected)) {
            label = schema.keys().get(0).equals(rejected) ? schema.keys().get(1) : schema.keys().get(0);
        } else if (!"accept".equals(answer) && !"reject".equals(answer) && !"ignore".equals(answer)) {
            label = f.getValue("label"); // no decision recorded: let the label be checked (and reported) as it is
        }
        if (label == null) {
            skipped++;
            return;
        }
        JsonObject out = new JsonObject().put("label", label);
        Object item = f.getValue(from.get("item"));
        if (item != null) {
            out.put("item", item instanceof Number n ? n.toString() : item);
        }
        Object who = f.getValue(from.get("annotator")) != null ? f.getValue(from.get("annotator")) : f.getValue("_session_id");
        if (who != null) {
            out.put("annotator", who instanceof Number n ? n.toString() : who);
        }
        pending.add(new Row(r.line(), out, false, null));
    }

    /** A field of a task, or a dotted path into it ("data.ref"). */
    private static Object path(JsonObject o, String path) {
        Object v = o;
        for (String part : path.split("\\.")) {
            if (!(v instanceof JsonObject j)) {
                return null;
            }
            v = j.getValue(part);
        }
        return v;
    }

    @Override
    public void drain() throws IOException {
        in.drain();
    }
}
