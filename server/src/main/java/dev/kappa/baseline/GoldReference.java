package dev.kappa.baseline;

/** Gold labels: independent of every answer, so nothing is left out. */
final class GoldReference implements Reference {
    private final int[] gold;

    GoldReference(BaselineData d) {
        this.gold = d.gold;
    }

    @Override
    public String kind() {
        return "gold";
    }

    @Override
    public boolean fromAnswers() {
        return false;
    }

    @Override
    public boolean builtFrom(boolean expertTier) {
        return false;
    }

    @Override
    public int without(int item, int[] users, int nUsers) {
        return gold[item];
    }
}
