package dev.kappa.pairwise;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import dev.kappa.stats.Cohen;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.PairwiseCohen;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heatmap of pairwise agreement and the items behind one of its cells. The answers are read in one transaction
 * and counted afterwards on the worker pool; only the counts of one page leave the server, never the answers.
 */
public final class PairwiseService {
    /** n x n counts and the page's names: beyond this many annotators, filter by tier or annotators. */
    static final int MAX_ANNOTATORS = 3000;

    private final Db db;

    public PairwiseService(Db db) {
        this.db = db;
    }

    private record Loaded(ProjectsRecord project, AnswerSet set, Map<Long, String> names) {
    }

    public Future<PairMatrix> matrix(Principal p, long projectId, Tier tier, String order, int minShared,
                                     int rowOffset, int colOffset, int size) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            AnswerSet set = AnswerLoader.load(tx, projectId, space, new AnswerFilter(tier, null, null, null, null), false);
            if (set.nAnnotators() > MAX_ANNOTATORS) {
                throw Problems.invalid("tier", set.nAnnotators() + " annotators answered; the matrix takes at most "
                        + MAX_ANNOTATORS + " (filter by tier)");
            }
            Long[] ids = new Long[set.nAnnotators()];
            for (int u = 0; u < ids.length; u++) {
                ids[u] = set.userId(u);
            }
            return new Loaded(project, set, PairwiseRepository.names(tx, projectId, ids));
        }).compose(l -> db.blocking(() -> build(projectId, l, tier, order, minShared, rowOffset, colOffset, size)));
    }

    private static PairMatrix build(long projectId, Loaded l, Tier tier, String order, int minShared,
                                    int rowOffset, int colOffset, int size) {
        AnswerSet set = l.set();
        PairCounts counts = PairCounts.of(set);
        int n = counts.n;
        if (n > 0 && (rowOffset >= n || colOffset >= n)) {
            throw Problems.badRequest(rowOffset >= n ? "row_offset" : "col_offset", "must be below the number of annotators (" + n + ")");
        }
        String used = order;
        String note = null;
        int[] pos;
        if (order.equals("cluster") && n > Ordering.MAX_CLUSTER) {
            used = "agreement";
            note = "more than " + Ordering.MAX_CLUSTER + " annotators: ordered by agreement instead of clustered";
        }
        pos = switch (used) {
            case "cluster" -> Ordering.cluster(counts);
            case "agreement" -> Ordering.byAgreement(counts);
            default -> java.util.stream.IntStream.range(0, n).boxed()
                    .sorted(java.util.Comparator.comparingLong(set::userId)).mapToInt(Integer::intValue).toArray();
        };
        int[] answers = new int[n];
        for (int a = 0; a < set.size(); a++) {
            answers[set.user(a)]++;
        }
        List<PairMatrix.Annotator> annotators = new ArrayList<>(n);
        for (int u : pos) {
            double pooled = counts.pooled(u);
            annotators.add(new PairMatrix.Annotator(set.userId(u), l.names().getOrDefault(set.userId(u), "user " + set.userId(u)),
                    answers[u], counts.sharedWithAnyone(u), Double.isNaN(pooled) ? null : pooled));
        }
        Map<Long, Estimate> kappas = new HashMap<>();
        boolean multi = set.space().multi();
        if (!multi && n > 1) {
            for (PairwiseCohen.Pair pair : PairwiseCohen.of(set.ratings(), minShared, Cohen.Weights.NONE).pairs()) {
                kappas.put((long) pair.a() * n + pair.b(), pair.kappa());
            }
        }
        int rows = Math.max(0, Math.min(size, n - rowOffset));
        int cols = Math.max(0, Math.min(size, n - colOffset));
        PairMatrix.Cell[][] cells = new PairMatrix.Cell[rows][cols];
        for (int r = 0; r < rows; r++) {
            int u = pos[rowOffset + r];
            for (int c = 0; c < cols; c++) {
                int v = pos[colOffset + c];
                int shared = counts.shared(u, v);
                if (u == v || shared == 0) {
                    continue;
                }
                Estimate kappa = multi ? Estimate.undefined("multi-label schema: no single kappa")
                        : kappas.getOrDefault((long) Math.min(u, v) * n + Math.max(u, v),
                        Estimate.undefined("fewer than " + minShared + " shared items"));
                cells[r][c] = new PairMatrix.Cell(shared, counts.agree(u, v), kappa);
            }
        }
        return new PairMatrix(projectId, set.space().kind(), used, note, tier, minShared, annotators, rowOffset, colOffset, size, cells);
    }

    public Future<Disagreements> disagreements(Principal p, long projectId, long a, long b, Tier tier, int offset, int limit) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            if (!PairwiseRepository.hasAnswers(tx, projectId, a)) {
                throw Problems.invalid("a", "user " + a + " has no answers in project " + projectId);
            }
            if (!PairwiseRepository.hasAnswers(tx, projectId, b)) {
                throw Problems.invalid("b", "user " + b + " has no answers in project " + projectId);
            }
            long[] counts = PairwiseRepository.counts(tx, projectId, a, b, tier);
            return new Disagreements(projectId, a, b, counts[0], counts[1], offset, limit,
                    PairwiseRepository.page(tx, projectId, a, b, tier, offset, limit));
        });
    }
}
