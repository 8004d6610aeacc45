package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A hard-case row (as selected by {@link HardCaseReads}) as JSON: the full view for the API, or a training line for
 * the JSONL export whose {@code label} is the best human label there is: gold, else the resolved consensus.
 */
final class HardCaseJson {
    private final LabelSpace space;
    private final long runId;
    private final boolean export;

    HardCaseJson(LabelSpace space, long runId, boolean export) {
        this.space = space;
        this.runId = runId;
        this.export = export;
    }

    JsonObject row(ResultSet rs) throws SQLException {
        JsonObject signals = new JsonObject().put("uncertainty", number(rs, 4)).put("model_disagreement", number(rs, 5))
                .put("human_disagreement", number(rs, 6)).put("class_weakness", number(rs, 7))
                .put("gold_conflict", number(rs, 8));
        JsonArray reasons = new JsonArray();
        Array array = rs.getArray(9);
        for (Object r : (Object[]) array.getArray()) {
            reasons.add(r);
        }
        Object consensus = stored(rs.getString(11));
        Object gold = json(rs.getString(17));
        JsonObject prediction = new JsonObject().put("run_id", runId).put("label", json(rs.getString(18)))
                .put("probs", json(rs.getString(19))).put("score", number(rs, 20));
        JsonObject human = new JsonObject().put("label", consensus).put("posterior", json(rs.getString(12)))
                .put("confidence", confidence(rs.getString(12), rs.getString(11))).put("answers", rs.getInt(13));
        if (export) {
            return new JsonObject().put("item", rs.getString(15)).put("data", json(rs.getString(16)))
                    .put("label", gold != null ? gold : consensus)
                    .put("label_source", gold != null ? "gold" : consensus != null ? "consensus" : null)
                    .put("prediction", prediction).put("consensus", human).put("hardness", rs.getDouble(3))
                    .put("signals", signals).put("reasons", reasons).put("model_wrong", rs.getBoolean(14));
        }
        return new JsonObject()
                .put("item", new JsonObject().put("id", rs.getLong(1)).put("external_id", rs.getString(15))
                        .put("data", json(rs.getString(16))).put("gold", gold))
                .put("prediction", prediction).put("consensus", human).put("score", rs.getDouble(3))
                .put("signals", signals).put("reasons", reasons).put("model_wrong", rs.getBoolean(14))
                .put("cursor", rs.getString(2) + ":" + rs.getLong(1));
    }

    /** A class key in the form answers store it (an integer for rating). */
    private Object stored(String key) {
        if (key == null) {
            return null;
        }
        int c = space.classOf(key);
        return c < 0 ? key : space.stored(c);
    }

    private static Double confidence(String posterior, String key) {
        if (posterior == null || key == null) {
            return null;
        }
        Object p = new JsonObject(posterior).getValue(key);
        return p instanceof Number n ? n.doubleValue() : null;
    }

    private static Object json(String text) {
        return text == null ? null : Json.decodeValue(text);
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() || !Double.isFinite(v) ? null : v;
    }
}
