package dev.kappa.study;

import dev.kappa.stats.ClusteredBootstrap;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a report card needs: measurement answers and items, qualification scores, time, and model predictions. */
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
        // Items in serving order; reference = the item's gold (read now, so a corrected gold label counts).
        var itemRows = tx.resultQuery("""
                SELECT si.item_id, i.gold::text FROM study_items si JOIN items i ON i.project_id = si.project_id AND i.id = si.item_id
                WHERE si.project_id = ? AND si.study_id = ? AND si.phase = 'measurement' ORDER BY si.position""", pid, sid).fetch();
        Map<Long, Integer> itemIndex = new HashMap<>();
        int[] reference = new int[itemRows.size()];
        for (int i = 0; i < reference.length; i++) {
            itemIndex.put(itemRows.get(i).get(0, Long.class), i);
            String gold = itemRows.get(i).get(1, String.class);
            reference[i] = gold == null ? -1 : classes.getOrDefault(gold, -1);
        }
        var answers = tx.resultQuery("""
                SELECT t.item_id, t.annotator_id, a.label::text, coalesce(a.duration_ms, a.server_ms)
                FROM study_tasks t JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ? AND t.phase = 'measurement' ORDER BY a.id""", pid, sid).fetch();
        Map<Long, Integer> annotatorIndex = new LinkedHashMap<>();
        List<int[]> rows = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        boolean[] measured = new boolean[reference.length];
        for (Record r : answers) {
            Integer i = itemIndex.get(r.get(0, Long.class));
            Integer c = classes.get(r.get(2, String.class));
            if (i == null || c == null) {
                continue;
            }
            int a = annotatorIndex.computeIfAbsent(r.get(1, Long.class), x -> annotatorIndex.size());
            rows.add(new int[] {i, a, c});
            measured[i] = true;
            Integer ms = r.get(3, Integer.class);
            if (ms != null) {
                seconds.add(ms / 1000.0);
            }
        }
        Record time = tx.resultQuery("""
                SELECT count(*)::int, coalesce(sum(coalesce(a.duration_ms, a.server_ms, 0)), 0)::float8 / 1000,
                       coalesce(sum(coalesce(a.duration_ms, a.server_ms, 0)) FILTER (WHERE t.phase = 'measurement'), 0)::float8 / 1000
                FROM study_tasks t JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ?""", pid, sid).fetchOne();
        double[] scores = tx.resultQuery("SELECT qualification_score FROM study_annotators WHERE project_id = ? AND study_id = ? "
                + "AND qualification_done IS NOT NULL ORDER BY annotator_id", pid, sid).fetch(0, Double.class).stream()
                .mapToDouble(Double::doubleValue).toArray();
        Double median = tx.resultQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY qualification_score) FROM study_annotators "
                + "WHERE project_id = ? AND study_id = ? AND qualification_done IS NOT NULL", pid, sid).fetchOne(0, Double.class);
        List<Run> runs = new ArrayList<>();
        Map<Long, Integer> runIndex = new HashMap<>();
        var preds = tx.resultQuery("""
                SELECT r.id, r.model, r.version, p.item_id, p.label::text
                FROM model_runs r JOIN predictions p ON p.project_id = r.project_id AND p.run_id = r.id
                JOIN study_items si ON si.project_id = p.project_id AND si.item_id = p.item_id
                WHERE r.project_id = ? AND si.study_id = ? AND si.phase = 'measurement' ORDER BY r.id""", pid, sid).fetch();
        List<int[]> predRows = new ArrayList<>();
        for (Record r : preds) {
            int run = runIndex.computeIfAbsent(r.get(0, Long.class), x -> {
                runs.add(new Run(x, r.get(1, String.class), r.get(2, String.class)));
                return runs.size() - 1;
            });
            Integer c = classes.get(r.get(4, String.class));
            predRows.add(new int[] {run, itemIndex.get(r.get(3, Long.class)), c == null ? -1 : c});
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
                time.get(0, Integer.class), time.get(1, Double.class), time.get(2, Double.class), runs, predicted);
    }
}
