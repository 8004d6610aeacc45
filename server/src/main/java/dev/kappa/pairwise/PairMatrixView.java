package dev.kappa.pairwise;

import dev.kappa.analysis.EstimateView;

import dev.kappa.auth.Tier;
import java.util.ArrayList;
import java.util.List;

/** A page of the agreement matrix as the response shows it: annotators with their position, null for an empty cell. */
record PairMatrixView(long projectId, String kind, String order, String orderNote, Tier tier, int minShared,
                      int nAnnotators, List<Annotator> annotators, int rowOffset, int colOffset, int size,
                      List<List<Cell>> cells) {
    record Annotator(int position, long userId, String name, int answers, long sharedPairs, Double agreement) {
    }

    record Cell(int shared, int agree, double percent, EstimateView.Point kappa) {
    }

    static PairMatrixView of(PairMatrix m) {
        List<Annotator> annotators = new ArrayList<>();
        for (PairMatrix.Annotator a : m.annotators()) {
            annotators.add(new Annotator(annotators.size(), a.userId(), a.name(), a.answers(), a.pairs(), a.agreement()));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (PairMatrix.Cell[] row : m.cells()) {
            List<Cell> r = new ArrayList<>();
            for (PairMatrix.Cell c : row) {
                r.add(c == null ? null : new Cell(c.shared(), c.agree(), (double) c.agree() / c.shared(), EstimateView.of(c.kappa())));
            }
            rows.add(r);
        }
        return new PairMatrixView(m.projectId(), m.kind(), m.order(), m.orderNote(), m.tier(), m.minShared(),
                m.annotators().size(), annotators, m.rowOffset(), m.colOffset(), m.size(), rows);
    }
}
