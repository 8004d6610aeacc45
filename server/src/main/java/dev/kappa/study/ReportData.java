package dev.kappa.study;

import dev.kappa.stats.ClusteredBootstrap;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what a report card needs, as {@link ReportRepository} reads it: measurement answers and items, qualification
 * scores, time, and model predictions, indexed for the bootstrap.
 */
final class ReportData {
    private ReportData() {
    }

    record Run(long id, String model, String version) {
    }

    record Loaded(ClusteredBootstrap.Data data, int measuredItems, double[] scores, Double median, double[] secondsPerItem,
                  int allAnswers, double allSeconds, double measurementSeconds, List<Run> runs, int[] predictedItems) {
    }

    static Loaded load(DSLContext tx, StudyRow s, Map<String, Integer> classes) {
        long pid = s.projectId();
        long sid = s.id();
        // Items in serving order; reference = the item's gold.
        List<ReportRepository.MeasurementItem> itemRows = ReportRepository.measurementItems(tx, pid, sid);
        Map<Long, Integer> itemIndex = new HashMap<>();
        int[] reference = new int[itemRows.size()];
        for (int i = 0; i < reference.length; i++) {
            itemIndex.put(itemRows.get(i).itemId(), i);
            String gold = itemRows.get(i).gold();
            reference[i] = gold == null ? -1 : classes.getOrDefault(gold, -1);
        }
        Map<Long, Integer> annotatorIndex = new LinkedHashMap<>();
        List<int[]> rows = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        boolean[] measured = new boolean[reference.length];
        for (ReportRepository.MeasurementAnswer r : ReportRepository.measurementAnswers(tx, pid, sid)) {
            Integer i = itemIndex.get(r.itemId());
            Integer c = classes.get(r.label());
            if (i == null || c == null) {
                continue;
            }
            int a = annotatorIndex.computeIfAbsent(r.annotatorId(), x -> annotatorIndex.size());
            rows.add(new int[] {i, a, c});
            measured[i] = true;
            Integer ms = r.ms();
            if (ms != null) {
                seconds.add(ms / 1000.0);
            }
        }
        ReportRepository.Time time = ReportRepository.time(tx, pid, sid);
        double[] scores = ReportRepository.qualificationScores(tx, pid, sid);
        Double median = ReportRepository.medianQualificationScore(tx, pid, sid);
        List<Run> runs = new ArrayList<>();
        Map<Long, Integer> runIndex = new HashMap<>();
        List<int[]> predRows = new ArrayList<>();
        for (ReportRepository.Prediction r : ReportRepository.measurementPredictions(tx, pid, sid)) {
            int run = runIndex.computeIfAbsent(r.runId(), x -> {
                runs.add(new Run(x, r.model(), r.version()));
                return runs.size() - 1;
            });
            Integer c = classes.get(r.label());
            predRows.add(new int[] {run, itemIndex.get(r.itemId()), c == null ? -1 : c});
        }
        int[][] model = new int[runs.size()][reference.length];
        for (int[] m : model) {
            Arrays.fill(m, -1);
        }
        int[] predicted = new int[runs.size()];
        for (int[] x : predRows) {
            // A prediction outside the schema stays a prediction: it is simply wrong (class k never matches).
            model[x[0]][x[1]] = x[2] < 0 ? classes.size() : x[2];
        }
        int k = classes.size() + 1;
        for (int r = 0; r < runs.size(); r++) {
            for (int i = 0; i < reference.length; i++) {
                if (model[r][i] >= 0 && measured[i] && reference[i] >= 0) {
                    predicted[r]++;
                }
            }
        }
        int n = rows.size();
        int[] item = new int[n];
        int[] annotator = new int[n];
        int[] label = new int[n];
        for (int x = 0; x < n; x++) {
            item[x] = rows.get(x)[0];
            annotator[x] = rows.get(x)[1];
            label[x] = rows.get(x)[2];
        }
        int measuredItems = 0;
        for (int i = 0; i < reference.length; i++) {
            measuredItems += measured[i] && reference[i] >= 0 ? 1 : 0;
        }
        ClusteredBootstrap.Data data = new ClusteredBootstrap.Data(reference.length, annotatorIndex.size(), k, item, annotator,
                label, reference, model);
        return new Loaded(data, measuredItems, scores, median, seconds.stream().mapToDouble(Double::doubleValue).toArray(),
                time.answers(), time.allSeconds(), time.measurementSeconds(), runs, predicted);
    }
}
