package dev.kappa.study;

import java.util.List;

/** A study's report card, computed from its stored answers (see StudyReports); NaN marks an undefined figure. */
public record StudyReport(StudyRow study, StudyProgress progress, Scores scores, double medianSecondsPerItem,
                          int measuredItems, int measurementAnswers, Figure singleAccuracy, Figure singleMacroF1,
                          Figure majorityAccuracy, Figure majorityMacroF1, Figure singleAccuracyItemsOnly,
                          Figure majorityAccuracyItemsOnly, List<ModelLine> models, Cost cost, int resamples, long seed) {
    /** A point estimate with its 95% interval. */
    public record Figure(double value, double lower, double upper) {
    }

    /** Finished qualification scores: quartiles (type 7), a 10-bin histogram, and the bar the pass rule sets now. */
    public record Scores(int n, double min, double q1, double median, double q3, double max, int[] histogram, double threshold) {
    }

    public record ModelLine(long runId, String model, String version, int items, Figure accuracy, Figure minusMajority,
                            Figure minusSingle) {
    }

    /**
     * What the study cost: every study answer (training, qualification, measurement) at the stated pay; by the hour
     * from the answers' active time (browser-measured, the server's lease-to-answer time where the browser sent none).
     */
    public record Cost(String unit, Double amount, String currency, int answers, double hours, double total,
                       double measurementOnly, double perAccuracyPoint) {
    }
}
