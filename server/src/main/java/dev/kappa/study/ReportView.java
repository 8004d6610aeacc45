package dev.kappa.study;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.ArrayList;
import java.util.List;

/** The report card as JSON; an undefined figure is null. */
record ReportView(StudyView study, Annotators annotators, Protocol protocol, Single single, Majority majority,
                  ItemsOnly itemsOnlyIntervals, Interval interval, List<Model> models, Cost cost) {
    static final String METHOD = "two-way (items x annotators) variance components, "
            + "t quantile with Satterthwaite df; single annotators (accuracy, macro-F1, model - single): items-only + "
            + "annotators-only bootstrap variance - the answer-level delta-method variance both contain "
            + "(Cameron, Gelbach and Miller 2011); majority of V (accuracy, macro-F1, model - majority): items-only "
            + "bootstrap variance of the majorities, each of all V votes, + the covariance items share through "
            + "their voters (between-annotator accuracy variance x each vote's first-order effect on the majority); "
            + "model accuracy: percentile bootstrap over items";

    /** A figure with its interval bounds. */
    record Figure(Double value, Double lower, Double upper) {
        static Figure of(StudyReport.Figure f) {
            return new Figure(num(f.value()), num(f.lower()), num(f.upper()));
        }
    }

    record Annotators(int recruited, int trained, int qualified, int notQualified, int waiting, int participating,
                      Scores qualificationScores) {
    }

    record Scores(int n, Double min, Double q1, Double median, Double q3, Double max, Double threshold, List<Bin> histogram) {
    }

    record Bin(double from, double to, int count) {
    }

    /** The study's protocol, its pay, and what measurement took. */
    record Protocol(@JsonUnwrapped StudyView.Protocol protocol, StudyView.Pay pay, Double medianSecondsPerItem,
                    int itemsMeasured, int measurementAnswers) {
    }

    record Single(Figure accuracy, Figure macroF1) {
    }

    record Majority(int votes, Figure accuracy, Figure macroF1) {
    }

    record ItemsOnly(Figure singleAccuracy, Figure majorityAccuracy) {
    }

    record Interval(String method, double level, int resamples, long seed) {
    }

    record Model(long runId, String model, String version, int items, Figure accuracy, Figure minusMajority,
                 Figure minusSingle) {
    }

    record Cost(String unit, Double amount, String currency, int answers, double hours, Double total,
                Double measurementOnly, Double perAccuracyPoint) {
    }

    static ReportView of(StudyReport r) {
        StudyProgress p = r.progress();
        StudyReport.Scores s = r.scores();
        List<Bin> histogram = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            histogram.add(new Bin(b / 10.0, (b + 1) / 10.0, s.histogram()[b]));
        }
        List<Model> models = r.models().stream().map(m -> new Model(m.runId(), m.model(), m.version(), m.items(),
                Figure.of(m.accuracy()), Figure.of(m.minusMajority()), Figure.of(m.minusSingle()))).toList();
        StudyReport.Cost c = r.cost();
        return new ReportView(StudyView.of(new StudyService.Study(r.study(), p)),
                new Annotators(p.recruited(), p.trained(), p.qualified(), p.notQualified(), p.waiting(), p.participating(),
                        new Scores(s.n(), num(s.min()), num(s.q1()), num(s.median()), num(s.q3()), num(s.max()),
                                num(s.threshold()), histogram)),
                new Protocol(StudyView.Protocol.of(r.study()), StudyView.Pay.of(r.study()), num(r.medianSecondsPerItem()),
                        r.measuredItems(), r.measurementAnswers()),
                new Single(Figure.of(r.singleAccuracy()), Figure.of(r.singleMacroF1())),
                new Majority(r.study().votesV(), Figure.of(r.majorityAccuracy()), Figure.of(r.majorityMacroF1())),
                new ItemsOnly(Figure.of(r.singleAccuracyItemsOnly()), Figure.of(r.majorityAccuracyItemsOnly())),
                new Interval(METHOD, StudyReports.LEVEL, r.resamples(), r.seed()), models,
                new Cost(c.unit(), c.amount(), c.currency(), c.answers(), c.hours(), num(c.total()), num(c.measurementOnly()),
                        num(c.perAccuracyPoint())));
    }

    static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
