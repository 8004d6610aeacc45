package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kappa.stats.Krippendorff.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A million answers go through agreement and majority vote in primitive arrays. No timing assertions
 * (timing belongs to benchmarks); this checks that the work completes within the test JVM's heap and
 * gives sensible numbers.
 */
class ScaleTest {

    /** 200,000 items x 5 answers from 2,000 annotators, 10 classes, each answer right with p = .7. */
    static Ratings million(long seed, int[] truthOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        int items = 200_000;
        int n = items * 5;
        int[] item = new int[n];
        int[] annotator = new int[n];
        int[] label = new int[n];
        for (int a = 0; a < n; a++) {
            int i = a / 5;
            if (a % 5 == 0) {
                truthOut[i] = rng.nextInt(10);
            }
            item[a] = i;
            annotator[a] = rng.nextInt(2000);
            label[a] = rng.nextDouble() < 0.7 ? truthOut[i] : rng.nextInt(10);
        }
        return Ratings.of(item, annotator, label, items, 2000, 10);
    }

    @Test
    @DisplayName("1,000,000 answers (200k items x 5, 2,000 annotators, 10 classes): agreement and majority vote complete with sane values")
    void millionAnswers() {
        int[] truth = new int[200_000];
        Ratings r = million(2024, truth);
        assertEquals(1_000_000, r.size());
        // answers are right with p = .7 + .3/10 = .73, so chance-corrected agreement is about .73^2 + ... ~ .52
        double alpha = Krippendorff.alpha(r, Metric.NOMINAL).value();
        double kappa = Fleiss.of(r).kappa().value();
        double ac1 = Gwet.ac1(r).value();
        double agreement = PercentAgreement.of(r).value();
        assertEquals(alpha, kappa, 1e-3, "alpha and Fleiss' kappa nearly coincide on large complete data");
        assertTrue(alpha > 0.45 && alpha < 0.6, "alpha " + alpha);
        assertTrue(ac1 > 0.45 && ac1 < 0.6, "AC1 " + ac1);
        assertTrue(agreement > 0.5 && agreement < 0.6, "agreement " + agreement);
        assertEquals(10, PerLabel.of(r).length);
        assertEquals(200_000, PerItem.of(r).majorityShare().length);
        Consensus mv = MajorityVote.of(r);
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += mv.label()[i] == truth[i] ? 1 : 0;
        }
        assertTrue(correct > 0.85 * truth.length, "majority of 5 answers at .73 accuracy is right ~90%: " + correct);
    }
}
