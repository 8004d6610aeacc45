package dev.kappa.baseline;

import dev.kappa.analysis.LabelSpace;

import java.util.List;

/** A computed baseline with what it needs to be written out: the project's labels and runs, and answer counts. */
public record Baseline(long projectId, LabelSpace space, List<ModelRun> runs, int answers, int ignoredAnswers,
                       Double hourlyRateCrowd, Double hourlyRateExpert, BaselineReport report) {
}
