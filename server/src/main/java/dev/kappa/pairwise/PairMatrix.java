package dev.kappa.pairwise;

import dev.kappa.auth.Tier;
import dev.kappa.stats.Estimate;

import java.util.List;

/**
 * One page of the annotator-by-annotator agreement matrix. {@code annotators} is the whole ordered list (both axes
 * share it); the page covers positions [rowOffset, rowOffset + rows) x [colOffset, colOffset + cols).
 */
public record PairMatrix(long projectId, String kind, String order, String orderNote, Tier tier, int minShared,
                         List<Annotator> annotators, int rowOffset, int colOffset, int size, Cell[][] cells) {

    /** {@code agreement}: pooled share of same labels with everyone (null when they share no item with anyone). */
    public record Annotator(long userId, String name, int answers, long pairs, Double agreement) {
    }

    /** {@code kappa}: Cohen's kappa of the two, undefined (with its reason) below minShared items or for multi. */
    public record Cell(int shared, int agree, Estimate kappa) {
    }
}
