package dev.kappa.stats;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Wilson's score interval against Newcombe (1998), Table I, method 3, and statsmodels 0.13.5
 * ({@code proportion_confint(x, n, method='wilson')}, run on this machine's Debian python3-statsmodels).
 */
class WilsonTest {
    @Test
    @DisplayName("matches Newcombe's worked examples and statsmodels to 1e-12, including 0 of n")
    void matchesPublishedValues() {
        assertArrayEquals(new double[] {0.2552885198782742, 0.36620957698280004}, Wilson.interval(81, 263, Wilson.Z95), 1e-12);
        assertArrayEquals(new double[] {0.06238639953073628, 0.16048724172330803}, Wilson.interval(15, 148, Wilson.Z95), 1e-12);
        assertArrayEquals(new double[] {0.0, 0.1611251580528194}, Wilson.interval(0, 20, Wilson.Z95), 1e-12);
        assertArrayEquals(new double[] {0.006113214292762667, 0.17175521879320294}, Wilson.interval(1, 29, Wilson.Z95), 1e-12);
        // Newcombe's rounded figures for 81/263
        assertArrayEquals(new double[] {0.2553, 0.3662}, Wilson.interval(81, 263, Wilson.Z95), 5e-5);
    }
}
