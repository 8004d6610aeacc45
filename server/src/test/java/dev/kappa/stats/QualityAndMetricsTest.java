package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Annotator quality against reference labels, durations, and classification metrics by hand. */
class QualityAndMetricsTest {

    @Test
    @DisplayName("annotator accuracy, confusion and kappa against reference labels, skipping items without reference")
    void annotatorQuality() {
        // annotator 0 answers items 0..4 (item 4 twice), annotator 1 only item 3
        Ratings r = Ratings.of(new int[] {0, 1, 2, 3, 4, 4, 3}, new int[] {0, 0, 0, 0, 0, 0, 1},
                new int[] {0, 1, 1, 0, 1, 0, 1}, 5, 3, 2);
        int[] reference = {0, 1, 0, -1, 1};
        AnnotatorQuality.Quality q = AnnotatorQuality.of(r, 0, reference);
        assertEquals(5, q.compared(), "replicates count, the unreferenced item does not");
        assertEquals(3.0 / 5, q.accuracy().value(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, q.confusion()[0]);
        assertArrayEquals(new double[] {1, 2}, q.confusion()[1]);
        assertEquals(Cohen.kappa(q.confusion()).value(), q.kappa().value(), 1e-15);
        // po = .6, pe = (2*2 + 3*3) / 25 = .52, kappa = .08 / .48
        assertEquals(0.08 / 0.48, q.kappa().value(), 1e-12);
        AnnotatorQuality.Quality[] all = AnnotatorQuality.all(r, reference);
        assertEquals(0, all[1].compared());
        assertFalse(all[1].accuracy().defined());
        assertFalse(all[2].kappa().defined(), "annotator 2 never answered");
        assertThrows(IllegalArgumentException.class, () -> AnnotatorQuality.all(r, new int[] {0}));
    }

    @Test
    @DisplayName("median duration: middle value, mean of the two middle ones, NaN ignored")
    void median() {
        assertEquals(3.0, AnnotatorQuality.median(new double[] {5, 1, 3}).value());
        assertEquals(2.5, AnnotatorQuality.median(new double[] {4, 1, 3, 2}).value());
        assertEquals(2.0, AnnotatorQuality.median(new double[] {Double.NaN, 2}).value());
        assertEquals(1500.0, AnnotatorQuality.median(new long[] {1000, 2000}).value());
        assertFalse(AnnotatorQuality.median(new double[] {Double.NaN}).defined());
    }

    @Test
    @DisplayName("classification report: accuracy, precision, recall, F1, macro-F1; unresolved (-1) predictions count as wrong")
    void classification() {
        int[] pred = {0, 0, 1, 1, -1, 2};
        int[] ref = {0, 1, 1, 1, 0, -1};
        Classification.Report r = Classification.of(pred, ref, 3);
        assertEquals(5, r.n(), "items without reference are skipped");
        assertEquals(3.0 / 5, r.accuracy().value(), 1e-15);
        assertEquals(0.5, r.precision()[0].value(), 1e-15);
        assertEquals(0.5, r.recall()[0].value(), 1e-15);
        assertEquals(1.0, r.precision()[1].value(), 1e-15);
        assertEquals(2.0 / 3, r.recall()[1].value(), 1e-15);
        assertEquals(0.8, r.f1()[1].value(), 1e-15);
        assertFalse(r.precision()[2].defined(), "class 2 is neither predicted (on referenced items) nor true");
        assertFalse(r.f1()[2].defined());
        assertEquals((0.5 + 0.8) / 2, r.macroF1().value(), 1e-15, "macro over classes present");
        assertArrayEquals(new int[] {2, 3, 0}, r.support());
        assertArrayEquals(new int[] {1, 0, 0}, r.confusion()[0], "the unresolved prediction is in no column");
    }

    @Test
    @DisplayName("per item: majority share and vote entropy in bits")
    void perItem() {
        Ratings r = Ratings.fromMatrix(new int[][] {{0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 3}, {-1, -1, -1, -1}}, -1, 4);
        PerItem.Spread s = PerItem.of(r);
        assertArrayEquals(new int[] {4, 4, 4, 0}, s.answers());
        assertArrayEquals(new double[] {1.0, 0.5, 0.25, 0.0}, s.majorityShare(), 1e-15);
        assertArrayEquals(new double[] {0.0, 1.0, 2.0, 0.0}, s.entropyBits(), 1e-12);
    }

    @Test
    @DisplayName("per label: one-vs-rest alpha and kappa, specific agreement o_cc / n_c, and answer counts")
    void perLabel() {
        Ratings r = Ratings.fromMatrix(new int[][] {{0, 0}, {0, 1}, {1, 1}, {1, 1}, {2, 2}}, -1, 4);
        PerLabel.LabelAgreement[] l = PerLabel.of(r);
        assertEquals(3, l[0].answers());
        assertEquals(2.0 / 3, l[0].specificAgreement().value(), 1e-15, "2 of label 0's 3 pairable values pair with 0");
        assertEquals(4.0 / 5, l[1].specificAgreement().value(), 1e-15);
        assertEquals(1.0, l[2].specificAgreement().value(), 1e-15);
        assertFalse(l[3].specificAgreement().defined());
        assertEquals("label never used", l[3].specificAgreement().reason());
        assertFalse(l[3].alpha().defined());
        assertEquals(1.0, l[2].alpha().value(), 1e-15);
    }
}
