package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatingsTest {

    @Test
    @DisplayName("answers outside the declared items, annotators or classes are rejected with the offending index")
    void validates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(new int[] {0, 1}, new int[] {0, 0}, new int[] {0, 3}, 2, 1, 3));
        assertTrue(e.getMessage().contains("label 3 of answer 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ratings.of(new int[] {0}, new int[] {0, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Ratings.of(new int[] {-1}, new int[] {0}, new int[] {0}, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Ratings.of(new int[0], new int[0], new int[0], 0, 0, 0));
    }

    @Test
    @DisplayName("the builder grows past its initial capacity, infers sizes, and copies so later adds do not leak")
    void builder() {
        RatingsBuilder b = Ratings.builder(3);
        for (int i = 0; i < 100; i++) {
            b.add(i / 2, i % 7, i % 3);
        }
        Ratings r = b.build();
        b.add(99, 0, 0);
        assertEquals(100, r.size());
        assertEquals(50, r.nItems());
        assertEquals(7, r.nAnnotators());
        assertEquals(2, r.answersOn(10));
        assertEquals(101, b.size());
    }

    @Test
    @DisplayName("Ratings.of copies the caller's arrays; per-item class counts; repeated answers are kept")
    void copiesAndCounts() {
        int[] label = {1, 1, 0};
        Ratings r = Ratings.of(new int[] {0, 0, 1}, new int[] {0, 0, 1}, label);
        label[0] = 0;
        assertEquals(1, r.label(0));
        assertArrayEquals(new int[] {0, 2, 1, 0}, r.itemClassCounts());
        assertEquals(2, r.distinctAnnotators());
        assertTrue(r.hasPairs(), "the same annotator twice on item 0 forms a pair");
        assertFalse(Ratings.fromMatrix(new int[][] {{1, -1}}, -1, 2).hasPairs());
    }

    @Test
    @DisplayName("fromMatrix reads items as rows and annotators as columns, skipping the missing marker")
    void fromMatrix() {
        Ratings r = Ratings.fromMatrix(new int[][] {{1, -1, 0}, {-1, -1, -1}, {2, 2, -1}}, -1, 3);
        assertEquals(3, r.nItems());
        assertEquals(3, r.nAnnotators());
        assertEquals(4, r.size());
        assertEquals(0, r.answersOn(1));
        assertEquals(2, r.annotator(1));
    }
}
