package dev.kappa.project;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored schema text is what LabelSchema.toJson().encode() (before issue 16, kept here) stored. */
class LabelSchemaStoredTest {
    @Test
    @DisplayName("labels with and without hotkeys, names with quotes and non-ASCII, each kind")
    void sameText() {
        for (String json : new String[] {
                "{\"kind\": \"single\", \"labels\": [{\"key\": \"pos\", \"name\": \"Positive \\\"+\\\" caf\u00e9\", \"hotkey\": \"p\"}, {\"key\": \"neg\"}]}",
                "{\"kind\": \"rating\", \"labels\": [{\"key\": \"1\"}, {\"key\": \"2\", \"name\": \"two\"}, {\"key\": \"3\"}]}",
                "{\"kind\": \"multi\", \"labels\": [{\"key\": \"a\", \"hotkey\": \"1\"}, {\"key\": \"b\", \"hotkey\": \"2\"}]}"}) {
            LabelSchema s = LabelSchema.parse(new JsonObject(json));
            assertEquals(before(s).encode(), s.stored());
            assertEquals(s.stored(), LabelSchema.parse(new JsonObject(s.stored())).stored(), "stored text reads back the same");
        }
    }

    static JsonObject before(LabelSchema s) {
        JsonArray out = new JsonArray();
        for (LabelSchema.Label l : s.labels()) {
            JsonObject o = new JsonObject().put("key", l.key()).put("name", l.name());
            if (l.hotkey() != null) {
                o.put("hotkey", l.hotkey());
            }
            out.add(o);
        }
        return new JsonObject().put("kind", s.kind()).put("labels", out);
    }
}
