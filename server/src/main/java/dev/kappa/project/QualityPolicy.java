package dev.kappa.project;

import dev.kappa.db.tables.records.QualityPoliciesRecord;
import dev.kappa.error.Problems;

/** A project's quality policy (see V030); {@link #DEFAULT} where the project has not set one. */
public record QualityPolicy(double minGoldAccuracy, int minGoldItems, boolean autoPause, double crowdWeight,
                            double expertWeight) {
    public static final QualityPolicy DEFAULT = new QualityPolicy(0.7, 10, false, 1, 2);

    public static QualityPolicy of(QualityPoliciesRecord r) {
        return r == null ? DEFAULT : new QualityPolicy(r.getMinGoldAccuracy(), r.getMinGoldItems(), r.getAutoPause(),
                r.getCrowdWeight(), r.getExpertWeight());
    }

    /** Tier weights indexed by tier bit (0 crowd, 1 expert): the request's where given, else this policy's. */
    public double[] tierWeights(Double crowd, Double expert) {
        double[] w = {crowd != null ? crowd : crowdWeight, expert != null ? expert : expertWeight};
        if (w[0] + w[1] <= 0) {
            throw Problems.invalid("expert_weight", "crowd_weight and expert_weight cannot both be 0");
        }
        return w;
    }

    /** Whether an annotator with this gold record is below the bar: enough gold answers, too few right. */
    public boolean flags(int goldAnswers, double goldAccuracy) {
        return goldAnswers >= minGoldItems && goldAccuracy < minGoldAccuracy;
    }

    /** The policy as the API shows it, the tier weights nested. */
    public record Shown(double minGoldAccuracy, int minGoldItems, boolean autoPause, TierWeights tierWeights) {
    }

    public record TierWeights(double crowd, double expert) {
    }

    public Shown shown() {
        return new Shown(minGoldAccuracy, minGoldItems, autoPause, new TierWeights(crowdWeight, expertWeight));
    }
}
