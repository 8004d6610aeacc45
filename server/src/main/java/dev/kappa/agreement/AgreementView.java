package dev.kappa.agreement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.EstimateView;

import java.util.List;
import java.util.Map;

/** The agreement response: what was measured and how, then the coefficients in one of three shapes. */
public record AgreementView(long projectId, String kind, int nItems, int nItemsPairable, int nAnswers, int nAnnotators,
                            int ignoredAnswers, AnswerFilter.Shown filters, Bootstrap bootstrap,
                            @JsonUnwrapped Coefficients coefficients) {
    /** Resamples drawn, and whether that number was the default for the project's size. */
    public record Bootstrap(int resamples, long seed, double level, @com.fasterxml.jackson.annotation.JsonProperty("default") boolean byDefault) {
    }

    /** The coefficients: for a label against the rest, a multi-label schema label by label, or every label at once. */
    public sealed interface Coefficients {
    }

    /** Every coefficient over one set of ratings. */
    public record Section(EstimateView percentAgreement, Cohen cohenKappa, EstimateView fleissKappa, Alpha krippendorffAlpha,
                          EstimateView gwetAc1) {
    }

    /** The {@code label} filter: that label against the rest. */
    public record OneLabel(@JsonUnwrapped Section section) implements Coefficients {
    }

    /** A single-label or rating schema: the coefficients, and each label's share of them. */
    public record AllLabels(@JsonUnwrapped Section section, Map<String, LabelShare> perLabel) implements Coefficients {
    }

    /** A multi-label schema: no top-level numbers (each says why), and each label as present/absent. */
    public record Multi(EstimateView percentAgreement, EstimateView cohenKappa, EstimateView fleissKappa,
                        EstimateView gwetAc1, Alpha krippendorffAlpha, Map<String, PresentAbsent> perLabel)
            implements Coefficients {
    }

    /** Cohen's kappa averaged over pairs sharing at least {@code min_shared_items} items, and the pairs. */
    public record Cohen(@JsonUnwrapped EstimateView estimate, int minSharedItems, List<Pair> pairs) {
    }

    /** One annotator pair by user id, and by external worker id at the top level (issue 14). */
    public record Pair(@JsonUnwrapped EstimateView kappa, List<Long> annotators, int sharedItems,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<String> externalIds) {
    }

    /** Krippendorff's alpha: nominal always, ordinal and interval for a rating scale. */
    public record Alpha(EstimateView nominal, @JsonInclude(JsonInclude.Include.NON_NULL) EstimateView ordinal,
                        @JsonInclude(JsonInclude.Include.NON_NULL) EstimateView interval) {
    }

    /** A label's answers and its one-against-the-rest coefficients. */
    public record LabelShare(int answers, EstimateView krippendorffAlpha, EstimateView fleissKappa,
                             EstimateView specificAgreement) {
    }

    /** A multi-label schema's label as present/absent. */
    public record PresentAbsent(int answersWithLabel, @JsonUnwrapped Section section) {
    }
}
