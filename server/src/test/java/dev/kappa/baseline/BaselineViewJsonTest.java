package dev.kappa.baseline;

import dev.kappa.analysis.LabelSpace;
import dev.kappa.http.RecordJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline records write the bytes {@link BaselineJson} (the writer before issue 16, kept in the tests) wrote. */
class BaselineViewJsonTest {
    /** 40 items, three classes, five crowd annotators and two experts, two runs (one missing some predictions). */
    static BaselineData random(long seed) {
        Random rnd = new Random(seed);
        BaselineMathTest.Data d = new BaselineMathTest.Data();
        int n = 40;
        d.gold = new int[n];
        int[][] runs = new int[2][n];
        for (int i = 0; i < n; i++) {
            d.gold[i] = rnd.nextInt(3);
            for (int u = 0; u < 7; u++) {
                if (rnd.nextInt(3) > 0) {
                    d.answer(i, u, u >= 5, rnd.nextInt(4) == 0 ? rnd.nextInt(3) : d.gold[i], rnd.nextInt(5) == 0 ? -1 : 500 + rnd.nextInt(9000));
                }
            }
            runs[0][i] = rnd.nextInt(3) == 0 ? rnd.nextInt(3) : d.gold[i];
            runs[1][i] = rnd.nextInt(6) == 0 ? -1 : rnd.nextInt(3);
        }
        d.nItems = n;
        d.runs = runs;
        return d.build(3);
    }

    static Baseline baseline(BaselineData d, String reference, int resamples, int minItems, Double crowdRate, Double expertRate) {
        BaselineOptions o = new BaselineOptions(resamples, 7, 0.9, minItems, BaselineOptions.MAX_K, crowdRate, expertRate, false);
        BaselineReport r = BaselineMath.compute(d, BaselineMath.reference(reference, d), o);
        List<ModelRun> runs = List.of(new ModelRun(11, "bert \"base\"", "v1", 12.5, null, 0.25), new ModelRun(12, "rules", "2", null, 3.0, null));
        return new Baseline(5, new LabelSpace("single", List.of("pos", "neg", "caf\u00e9")), runs, 400, 3, crowdRate, expertRate, r);
    }

    @Test
    @DisplayName("every reference, with and without resamples, thin rows and full ones, rates set or not: the same bytes")
    void sameBytes() {
        BaselineData d = random(3);
        StringBuilder all = new StringBuilder();
        for (String reference : List.of("gold", "expert", "consensus")) {
            for (int resamples : new int[] {0, 50}) {
                for (int minItems : new int[] {1, 20, 1000}) {
                    Baseline b = baseline(d, reference, resamples, minItems, minItems == 1 ? 18.0 : null, minItems == 20 ? 40.0 : null);
                    String after = RecordJson.encode(BaselineView.of(b));
                    assertEquals(BaselineJson.of(b).encode(), after, reference + " " + resamples + " " + minItems);
                    all.append(after);
                }
            }
        }
        for (String shape : List.of("\"thin\":true,\"reason\":", "\"ci\":[", "\"ci\":null,\"ci_reason\":", "\"largest_f1_shortfall\":{\"class\":",
                "\"support\":null", "\"hourly_rate\":null", "\"hourly_rate\":40.0", "\"k\":null")) {
            assertTrue(all.indexOf(shape) >= 0, "no case shows " + shape);
        }
    }

    @Test
    @DisplayName("the small hand-computed project (a run with no prediction for an item, one expert) writes the same bytes")
    void small() {
        BaselineData d = BaselineMathTest.small();
        for (int resamples : new int[] {0, 20}) {
            BaselineOptions o = new BaselineOptions(resamples, 1, 0.95, 1, BaselineOptions.MAX_K, 18.0, null, false);
            BaselineReport r = BaselineMath.compute(d, BaselineMath.reference("gold", d), o);
            Baseline b = new Baseline(1, new LabelSpace("single", List.of("a", "b")), List.of(new ModelRun(1, "m", "1", null, null, null)),
                    9, 0, 18.0, null, r);
            assertEquals(BaselineJson.of(b).encode(), RecordJson.encode(BaselineView.of(b)));
        }
    }
}
