package dev.kappa.transfer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleKeyTest {
    @Test
    @DisplayName("sample keys are fixed per project and external_id, and differ across projects")
    void stable() {
        assertEquals(SampleKey.of(7, "q1"), SampleKey.of(7, "q1"));
        assertNotEquals(SampleKey.of(7, "q1"), SampleKey.of(8, "q1"));
        assertNotEquals(SampleKey.of(7, "q1"), SampleKey.of(7, "q2"));
    }

    @Test
    @DisplayName("sample keys of sequential ids are uniform on [0,1): every tenth holds about a tenth (chi-square, 9 df)")
    void uniform() {
        int n = 200_000;
        int[] buckets = new int[10];
        double below5 = 0;
        for (int i = 0; i < n; i++) {
            double k = SampleKey.of(3, "item-" + i);
            assertTrue(k >= 0 && k < 1, "in [0,1): " + k);
            buckets[(int) (k * 10)]++;
            if (k < 0.05) {
                below5++;
            }
        }
        double expected = n / 10.0;
        double chi2 = 0;
        for (int b : buckets) {
            chi2 += (b - expected) * (b - expected) / expected;
        }
        // 27.88 is the 0.999 quantile of chi-square with 9 degrees of freedom.
        assertTrue(chi2 < 27.88, "chi-square " + chi2);
        assertEquals(0.05, below5 / n, 0.003, "a 5% baseline sample takes about 5% of the items");
    }
}
