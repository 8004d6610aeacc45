package dev.kappa.hardness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Why an item is hard, in words an engineer can filter on. Each is one bit of an item's reason mask. */
public enum Reason {
    /** The model's uncertainty is at least {@link Hardness#FLAG}. */
    UNCERTAIN("uncertain"),
    /** The resolved consensus differs from the model's label. */
    MODEL_WRONG("model_wrong"),
    /** Human disagreement is at least {@link Hardness#FLAG}: no clear majority among the answers. */
    ANNOTATORS_DISAGREE("annotators_disagree"),
    /** The item is predicted as, or labeled as, a class whose F1 is below the run's macro-F1. */
    WEAK_CLASS("weak_class"),
    /** The model's label differs from the gold label. */
    MODEL_CONTRADICTS_GOLD("model_contradicts_gold"),
    /** At least one answer differs from the gold label. */
    ANSWERS_CONTRADICT_GOLD("answers_contradict_gold");

    private final String key;

    Reason(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static Reason of(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst().orElse(null);
    }

    public static List<String> keys(int mask) {
        List<String> out = new ArrayList<>();
        for (Reason r : values()) {
            if ((mask & r.bit()) != 0) {
                out.add(r.key);
            }
        }
        return out;
    }
}
