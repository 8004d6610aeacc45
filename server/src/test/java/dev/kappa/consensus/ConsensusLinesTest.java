package dev.kappa.consensus;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.AnswerSets;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Tier;
import dev.kappa.http.LineGenerator;
import dev.kappa.http.RecordJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consensus stream's lines, written by the Jackson generator, are the bytes the hand-written lines before issue
 * 16 were ({@link ConsensusLineBefore}): numbers, nulls, unresolved and answerless items, label keys and item ids with
 * quotes, control characters, non-ASCII and characters beyond the BMP. The model response is pinned the same way.
 */
class ConsensusLinesTest {
    /** Keys a schema may hold: JSON escapes, a control character, non-ASCII, U+2028 and an emoji (a surrogate pair). */
    static final List<String> ODD_KEYS = List.of("pos \"quoted\" \\ back", "caf\u00e9\ttab\u0001", "\u2028line \ud83d\ude00");
    static final List<String> IDS = List.of("plain", "x\"\\/\n\r\b\f\u0000\u001f\u007f", "\u00fcml\u00e4ut \ud83d\ude00", "lone \ud800 half",
            "</script>");

    static AnswerSet answers(LabelSpace space, long seed) {
        Random rnd = new Random(seed);
        List<long[]> rows = new ArrayList<>();
        for (int item = 0; item < 30; item++) {
            int truth = rnd.nextInt(space.size());
            int voters = item % 7 == 0 ? 2 : 1 + rnd.nextInt(5);
            for (int u = 0; u < voters; u++) {
                boolean expert = u == 4;
                if (space.multi()) {
                    long[] r = {item, u, expert ? 1 : 0};
                    List<Long> present = new ArrayList<>();
                    for (int c = 0; c < space.size(); c++) {
                        if (rnd.nextInt(3) == 0 || c == truth) {
                            present.add((long) c);
                        }
                    }
                    long[] full = java.util.Arrays.copyOf(r, 3 + present.size());
                    for (int j = 0; j < present.size(); j++) {
                        full[3 + j] = present.get(j);
                    }
                    rows.add(full);
                } else {
                    rows.add(new long[] {item, u, expert ? 1 : 0, rnd.nextInt(4) == 0 ? rnd.nextInt(space.size()) : truth});
                }
            }
        }
        return AnswerSets.of(space, rows);
    }

    static List<LabelSpace> spaces() {
        return List.of(new LabelSpace("single", ODD_KEYS), new LabelSpace("rating", List.of("1", "2", "3", "4", "5")),
                new LabelSpace("multi", ODD_KEYS), new LabelSpace("single", List.of("a", "b")));
    }

    @Test
    @DisplayName("every method and schema kind: a stream of lines from one generator is the hand-written text, char for char and byte for byte")
    void sameLines() throws IOException {
        int lines = 0;
        StringBuilder all = new StringBuilder();
        for (LabelSpace space : spaces()) {
            AnswerSet set = answers(space, space.size());
            for (ConsensusMethod method : ConsensusMethod.values()) {
                ItemConsensus ic = ItemConsensus.compute(set, method, new double[] {1, 2.5}, 1e-9, 50);
                StringBuilder before = new StringBuilder();
                StringBuilder after = new StringBuilder();
                JsonGenerator g = LineGenerator.into(after);
                for (int index = -1; index < set.nItems(); index++) {
                    String id = index < 0 ? null : IDS.get(index % IDS.size());
                    ConsensusLineBefore.appendLine(ic, space, before, id, index);
                    before.append('\n');
                    ic.writeLine(g, id, index);
                    g.flush();
                    after.append('\n');
                    lines++;
                }
                assertEquals(before.toString(), after.toString(), space.kind() + " " + method);
                assertArrayEquals(before.toString().getBytes(StandardCharsets.UTF_8), after.toString().getBytes(StandardCharsets.UTF_8));
                for (int index = 0; index < set.nItems(); index++) {
                    StringBuilder one = new StringBuilder();
                    ConsensusLineBefore.appendLine(ic, space, one, "i", index);
                    assertEquals(new io.vertx.core.json.JsonObject(one.toString()), ic.line("i", index));
                }
                all.append(after);
            }
        }
        assertTrue(lines > 300);
        for (String shape : List.of("\"label\":null,\"resolved\":false", "\"label\":[", "\"label\":3,", "\\u0000", "\\u0001", "\\\"quoted\\\"",
                "\ud83d\ude00", "\"confidence\":null", "\"majority_share\":{", "\"posterior\":null,\"answers\":0,")) {
            assertTrue(all.indexOf(shape) >= 0, "no line shows " + shape);
        }
    }

    @Test
    @DisplayName("the fitted model's response, with filters and an empty part, is written as ModelJson wrote it")
    void model() {
        ConsensusModel.Part part = new ConsensusModel.Part(null, ODD_KEYS, new double[] {0.5, 0.25, 0.25}, -12.75, 7, true,
                List.of(new ConsensusModel.Annotator(3, "w\u00fc", "Ada \"A\"", 12, new double[][] {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0, 0, 1}}),
                        new ConsensusModel.Annotator(4, null, null, 0, new double[][] {{Double.NaN, 0, 0}, {0, 1, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}})));
        ConsensusModel.Part multi = new ConsensusModel.Part("caf\u00e9", List.of("absent", "present"), new double[] {1, 0}, 0, 1, false, List.of());
        for (AnswerFilter f : List.of(AnswerFilter.ALL, new AnswerFilter(Tier.CROWD, "pos", OffsetDateTime.parse("2026-01-01T10:00:00+02:00"),
                OffsetDateTime.parse("2026-02-01T00:00:00Z"), new long[] {3, 4}, new String[] {"w1"}))) {
            ConsensusRequest q = new ConsensusRequest(ConsensusMethod.DAWID_SKENE, f, null, null, 1e-9, 200);
            ConsensusModel m = new ConsensusModel(List.of(part, multi));
            assertEquals(ModelJson.of(8, m, q).encode(), RecordJson.encode(ModelView.of(8, m, q)));
        }
    }
}
