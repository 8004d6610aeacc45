package dev.kappa.baseline;

/** How each reference is made, in words for the response: the reference is always stated. */
public final class ReferenceDescriptions {
    private ReferenceDescriptions() {
    }

    public static String describe(String kind) {
        return switch (kind) {
            case "gold" -> "gold labels of the items; an item without gold has no reference";
            case "expert" -> "majority of the expert-tier answers on the item (a tie gives no reference); the expert "
                    + "tier is scored leaving each annotator's own answers out of the majority";
            case "consensus" -> "Dawid-Skene consensus of every answer, all tiers (gold is never an input); every tier "
                    + "is scored leaving the annotator's own answers out of the posterior, with the fitted priors and "
                    + "confusion matrices kept";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
