package dev.kappa.baseline;

/**
 * Expert consensus: the majority of the expert-tier answers on an item (every answer counts, replicates included).
 * A tie, or no expert answer left once the scored people are left out, gives no reference: experts cannot break
 * their own tie, and a coin flip would put noise into every score.
 */
final class ExpertReference implements Reference {
    private final BaselineData d;

    ExpertReference(BaselineData d) {
        this.d = d;
    }

    @Override
    public String kind() {
        return "expert";
    }

    @Override
    public boolean fromAnswers() {
        return true;
    }

    @Override
    public boolean builtFrom(boolean expertTier) {
        return expertTier;
    }

    @Override
    public int without(int item, int[] users, int nUsers) {
        int k = d.nClasses;
        int[] votes = new int[k];
        int total = 0;
        for (int q = d.start[item]; q < d.start[item + 1]; q++) {
            int a = d.order[q];
            if (d.expert[a] && !Reference.listed(d.user[a], users, nUsers)) {
                votes[d.label[a]]++;
                total++;
            }
        }
        if (total == 0) {
            return -1;
        }
        int best = -1;
        int max = 0;
        boolean tie = false;
        for (int c = 0; c < k; c++) {
            if (votes[c] > max) {
                max = votes[c];
                best = c;
                tie = false;
            } else if (votes[c] == max) {
                tie = true;
            }
        }
        return tie ? -1 : best;
    }
}
