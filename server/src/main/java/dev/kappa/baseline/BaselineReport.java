package dev.kappa.baseline;

import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;

import java.util.List;

/**
 * A computed baseline: every row's metrics (see {@link RowMetrics} for the order) with their intervals. A thin row
 * carries its n and the reason, and no numbers.
 */
public record BaselineReport(String reference, int referenceItems, int nClasses, BaselineOptions options, Tier crowd,
                             Tier expert, List<ConsensusRow> consensus, Match votesToMatchExpert, List<RunRow> runs,
                             String gapVersus, List<Gap> gaps) {

    /**
     * Metrics of a row: {@code point} and {@code ci} by {@link RowMetrics} index ({@code ci} null without resamples);
     * {@code support} is the reference mass of each class; {@code thin} rows have neither.
     */
    public record Scores(int nItems, boolean thin, String thinReason, double[] support, Estimate[] point,
                         Bootstrap.Interval[] ci) {
        public Estimate metric(int index) {
            return thin ? Estimate.undefined(thinReason) : point[index];
        }

        public Bootstrap.Interval interval(int index) {
            return thin || ci == null ? null : ci[index];
        }
    }

    public record Tier(String tier, boolean leaveOneOut, int nItems, int nAnswers, int nAnnotators, int nTimed,
                       Estimate medianSeconds, Estimate meanSeconds, Estimate costPerLabel, Scores scores,
                       List<ModelRow> models) {
    }

    /** Run {@code run} on the items of a tier row, against the same references; {@code missing}: no prediction. */
    public record ModelRow(int run, int nItems, int missing, Scores scores) {
    }

    public record ConsensusRow(int k, int nItems, int nAnnotators, Estimate secondsPerItem, Estimate costPerItem,
                               Scores scores) {
    }

    /** Run {@code run} on every item with a reference built from all answers. */
    public record RunRow(int run, int nItems, int missing, Scores scores) {
    }

    /** Run minus the best tier on that tier's items, metric by metric, with paired bootstrap intervals. */
    public record Gap(int run, Scores difference) {
    }

    /** The smallest k whose crowd consensus is at least as accurate as one expert, or why there is none. */
    public record Match(Integer k, Estimate expertAccuracy, String reason) {
    }
}
