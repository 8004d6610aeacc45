/**
 * Pure agreement, consensus and classification statistics for Kappa: primitive arrays in, numbers out,
 * no I/O and no dependencies beyond the JDK.
 *
 * <p>Conventions shared by every class:
 * <ul>
 * <li>Data are {@link dev.kappa.stats.Ratings}: parallel int arrays (item, annotator, label). Items with no
 *     answer are ignored; items with one answer count for per-item results and priors but never form pairs.</li>
 * <li>Nothing returns NaN. A statistic that is 0/0 is an undefined {@link dev.kappa.stats.Estimate} (value 0,
 *     defined false, reason): "no answers" (empty data), "one annotator" or "no item has two or more answers"
 *     (nothing to pair), "no expected disagreement" (every pairable answer has the same label, so kappa and
 *     alpha are 0/0; percent agreement is 1 and Gwet's AC1 is 1 there).</li>
 * <li>Labels are class indices 0..k-1 in scale order for ordinal data; interval/ratio alpha take a value per
 *     class. Consensus labels use -1 for unresolved.</li>
 * </ul>
 */
package dev.kappa.stats;
