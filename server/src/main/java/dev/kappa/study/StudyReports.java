package dev.kappa.study;

import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.LabelSchema;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import dev.kappa.stats.ClusteredBootstrap;
import dev.kappa.stats.TwoWayIntervals;
import io.vertx.core.Future;
import io.vertx.core.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The report card: reads a study's answers in one transaction, then computes off the database. */
public final class StudyReports {
    static final double LEVEL = 0.95;
    private final Db db;

    public StudyReports(Db db) {
        this.db = db;
    }

    public Future<StudyReport> report(Principal caller, long projectId, long studyId, int resamples, long seed) {
        return db.tx(tx -> {
            ProjectsRecord p = ProjectAccess.requireManager(tx, caller, projectId);
            StudyRow s = StudyService.row(tx, projectId, studyId);
            StudyProgress progress = StudyAdminRepository.progress(tx, projectId, studyId, s.votesV(), s.measurementK());
            ReportData.Loaded data = ReportData.load(tx, s, classIndex(p));
            return compute(s, progress, data, resamples, seed);
        });
    }

    /** Canonical stored label (JSON text) to class index, in the schema's order. */
    static Map<String, Integer> classIndex(ProjectsRecord p) {
        LabelSchema schema = LabelSchema.fromJson(p.getSchema().data());
        Map<String, Integer> index = new HashMap<>();
        List<String> keys = schema.keys();
        for (int c = 0; c < keys.size(); c++) {
            index.put(Json.encode(schema.storedValue(keys.get(c))), c);
        }
        return index;
    }

    static StudyReport compute(StudyRow s, StudyProgress progress, ReportData.Loaded d, int resamples, long seed) {
        TwoWayIntervals.Result x = TwoWayIntervals.of(d.data(), resamples, seed, LEVEL);
        TwoWayIntervals.Interval[] two = x.clustered();
        List<StudyReport.ModelLine> models = new ArrayList<>();
        for (int r = 0; r < d.runs().size(); r++) {
            ReportData.Run run = d.runs().get(r);
            models.add(new StudyReport.ModelLine(run.id(), run.model(), run.version(), d.predictedItems()[r],
                    figure(two, ClusteredBootstrap.modelAccuracy(r)), figure(two, ClusteredBootstrap.modelMinusMajority(r)),
                    figure(two, ClusteredBootstrap.modelMinusSingle(r))));
        }
        StudyReport.Figure majority = figure(two, ClusteredBootstrap.MAJORITY_ACCURACY);
        return new StudyReport(s, progress, scores(d.scores(), s, d.median()), median(d.secondsPerItem()), d.measuredItems(),
                d.data().item().length, figure(two, ClusteredBootstrap.SINGLE_ACCURACY), figure(two, ClusteredBootstrap.SINGLE_F1),
                majority, figure(two, ClusteredBootstrap.MAJORITY_F1), figure(x.itemsOnly(), ClusteredBootstrap.SINGLE_ACCURACY),
                figure(x.itemsOnly(), ClusteredBootstrap.MAJORITY_ACCURACY), models, cost(s, d, majority.value()), resamples, seed);
    }

    private static StudyReport.Figure figure(TwoWayIntervals.Interval[] r, int x) {
        return new StudyReport.Figure(r[x].point(), r[x].lower(), r[x].upper());
    }

    static StudyReport.Scores scores(double[] scores, StudyRow s, Double median) {
        double[] v = scores.clone();
        Arrays.sort(v);
        int[] histogram = new int[10];
        for (double x : v) {
            histogram[Math.min(9, (int) Math.floor(x * 10))]++;
        }
        double threshold = "fixed".equals(s.passRule()) ? s.passAccuracy() : median == null ? Double.NaN : median;
        if (v.length == 0) {
            return new StudyReport.Scores(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, histogram, threshold);
        }
        return new StudyReport.Scores(v.length, v[0], q(v, 0.25), q(v, 0.5), q(v, 0.75), v[v.length - 1], histogram, threshold);
    }

    static StudyReport.Cost cost(StudyRow s, ReportData.Loaded d, double majorityAccuracy) {
        double hours = d.allSeconds() / 3600.0;
        double measurementHours = d.measurementSeconds() / 3600.0;
        double total = Double.NaN;
        double measurement = Double.NaN;
        if (s.payUnit() != null) {
            boolean hourly = "hour".equals(s.payUnit());
            total = s.payAmount() * (hourly ? hours : d.allAnswers());
            measurement = s.payAmount() * (hourly ? measurementHours : d.data().item().length);
        }
        double perPoint = Double.isFinite(majorityAccuracy) && majorityAccuracy > 0 ? total / (100 * majorityAccuracy) : Double.NaN;
        return new StudyReport.Cost(s.payUnit(), s.payAmount(), s.currency(), d.allAnswers(), hours, total, measurement, perPoint);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return q(v, 0.5);
    }

    /** Type-7 quantile of sorted values (R's default), as the bootstrap uses. */
    private static double q(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
