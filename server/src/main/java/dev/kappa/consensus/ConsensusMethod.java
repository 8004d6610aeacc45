package dev.kappa.consensus;

import java.util.Arrays;

/** How an item's answers become one label. Gold is never an input to any of them. */
public enum ConsensusMethod {
    MAJORITY("majority"), WEIGHTED("weighted"), DAWID_SKENE("dawid-skene");

    private final String key;

    ConsensusMethod(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The method named {@code key}, or null. */
    public static ConsensusMethod of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst().orElse(null);
    }
}
