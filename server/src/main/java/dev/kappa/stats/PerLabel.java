package dev.kappa.stats;

/**
 * Agreement on each label separately, one label against all others (binary): Krippendorff's
 * class-specific alpha (1980), Fleiss' per-category kappa (1971), and specific agreement
 * o_cc / n_c, the share of pairable answers with label c whose partner answers in the same item are also c
 * (positive specific agreement in the sense of Uebersax; equals 2a / (2a + b + c) for two raters).
 */
public final class PerLabel {
    private PerLabel() {
    }

    public record LabelAgreement(int label, int answers, Estimate alpha, Estimate kappa, Estimate specificAgreement) {
    }

    public static LabelAgreement[] of(Ratings r) {
        int k = r.nClasses;
        int[] answers = new int[k];
        for (int l : r.label) {
            answers[l]++;
        }
        double[] o = Krippendorff.coincidences(r);
        double[] nc = Krippendorff.marginals(o, k);
        Estimate[] alpha = Krippendorff.perCategory(r);
        Estimate[] kappa = Fleiss.of(r).perCategory();
        LabelAgreement[] out = new LabelAgreement[k];
        for (int c = 0; c < k; c++) {
            Estimate specific = nc[c] > 0 ? Estimate.of(o[c * k + c] / nc[c])
                    : Estimate.undefined(answers[c] == 0 ? "label never used" : r.noPairsReason());
            out[c] = new LabelAgreement(c, answers[c], alpha[c], kappa[c], specific);
        }
        return out;
    }
}
