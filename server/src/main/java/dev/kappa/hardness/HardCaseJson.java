package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A hard-case row (as selected by {@link HardCaseReadRepository}) as JSON: the full view for the API, or a training line for
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

    /** A row as the API or the export shows it; JSON values (data, labels, probabilities) as Vert.x decoded them. */
    sealed interface Row {
    }

    /** The API's view of a hard case. */
    record HardCase(Item item, Prediction prediction, Human consensus, double score, Signals signals, List<Object> reasons,
                    boolean modelWrong, String cursor) implements Row {
    }

    /** A training line of the JSONL export: the best human label there is, and where it came from. */
    record TrainingLine(String item, Object data, Object label, String labelSource, Prediction prediction, Human consensus,
                        double hardness, Signals signals, List<Object> reasons, boolean modelWrong) implements Row {
    }

    record Item(long id, String externalId, Object data, Object gold) {
    }

    record Prediction(long runId, Object label, Object probs, Double score) {
    }

    record Human(Object label, Object posterior, Double confidence, int answers) {
    }

    record Signals(Double uncertainty, Double modelDisagreement, Double humanDisagreement, Double classWeakness,
                   Double goldConflict) {
    }

    Row row(ResultSet rs) throws SQLException {
        Signals signals = new Signals(number(rs, 4), number(rs, 5), number(rs, 6), number(rs, 7), number(rs, 8));
        List<Object> reasons = new ArrayList<>();
        Array array = rs.getArray(9);
        for (Object r : (Object[]) array.getArray()) {
            reasons.add(r);
        }
        Object consensus = stored(rs.getString(11));
        Object gold = json(rs.getString(17));
        Prediction prediction = new Prediction(runId, json(rs.getString(18)), json(rs.getString(19)), number(rs, 20));
        Human human = new Human(consensus, json(rs.getString(12)), confidence(rs.getString(12), rs.getString(11)), rs.getInt(13));
        if (export) {
            return new TrainingLine(rs.getString(15), json(rs.getString(16)), gold != null ? gold : consensus,
                    gold != null ? "gold" : consensus != null ? "consensus" : null, prediction, human, rs.getDouble(3),
                    signals, reasons, rs.getBoolean(14));
        }
        return new HardCase(new Item(rs.getLong(1), rs.getString(15), json(rs.getString(16)), gold), prediction, human,
                rs.getDouble(3), signals, reasons, rs.getBoolean(14), rs.getString(2) + ":" + rs.getLong(1));
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
