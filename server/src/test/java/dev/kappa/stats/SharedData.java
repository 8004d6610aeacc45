package dev.kappa.stats;

import dev.kappa.support.Datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public data sets in {@code shared/datasets/} (found and read by {@link Datasets}) as the statistics tests use
 * them: contingency tables, and ratings in wide or long format.
 */
final class SharedData {
    private SharedData() {
    }

    static List<String[]> rows(String relative, String separator) {
        return Datasets.rows(relative, separator);
    }

    /** A contingency table CSV: header row and first column are labels. */
    static double[][] table(String relative) {
        List<String[]> rows = rows(relative, ",");
        double[][] t = new double[rows.size() - 1][];
        for (int i = 1; i < rows.size(); i++) {
            String[] r = rows.get(i);
            t[i - 1] = new double[r.length - 1];
            for (int j = 1; j < r.length; j++) {
                t[i - 1][j - 1] = Double.parseDouble(r[j]);
            }
        }
        return t;
    }

    /** Ratings plus the original level of each class (sorted: numerically if all numeric, else as text). */
    record Loaded(Ratings ratings, List<String> levels, double[] values) {
        int classOf(String level) {
            return levels.indexOf(level);
        }
    }

    /**
     * A wide CSV with "*" for missing answers. {@code unitsAreRows}: rows are units and columns coders
     * (after an id column); otherwise rows are coders and columns units (Krippendorff's layout).
     */
    static Loaded wide(String relative, boolean unitsAreRows) {
        List<String[]> rows = rows(relative, ",");
        List<int[]> triples = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 1; c < row.length; c++) {
                if (!row[c].equals("*")) {
                    int unit = unitsAreRows ? r - 1 : c - 1;
                    int coder = unitsAreRows ? c - 1 : r - 1;
                    triples.add(new int[] {unit, coder});
                    cells.add(row[c]);
                }
            }
        }
        return build(triples, cells);
    }

    /** Long-format answers plus the item-id map (to align gold labels by item name). */
    record Named(Loaded loaded, Map<String, Integer> items) {
    }

    /**
     * Long format: item and annotator ids of any text, label text. {@code levels}: the classes in order, or
     * null to use the sorted distinct labels.
     */
    static Named longFormat(List<String[]> rows, int itemCol, int annotatorCol, int labelCol, List<String> levels) {
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> anns = new HashMap<>();
        List<int[]> triples = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (String[] row : rows) {
            int i = items.computeIfAbsent(row[itemCol], x -> items.size());
            int a = anns.computeIfAbsent(row[annotatorCol], x -> anns.size());
            triples.add(new int[] {i, a});
            cells.add(row[labelCol]);
        }
        return new Named(build(triples, cells, levels), items);
    }

    private static Loaded build(List<int[]> triples, List<String> cells) {
        return build(triples, cells, null);
    }

    private static Loaded build(List<int[]> triples, List<String> cells, List<String> forced) {
        boolean numeric = cells.stream().allMatch(s -> s.matches("-?[0-9.]+"));
        TreeSet<String> set = numeric
                ? new TreeSet<>((x, y) -> Double.compare(Double.parseDouble(x), Double.parseDouble(y)))
                : new TreeSet<>();
        set.addAll(cells);
        List<String> levels = forced != null ? forced : new ArrayList<>(set);
        Map<String, Integer> index = new TreeMap<>();
        for (int c = 0; c < levels.size(); c++) {
            index.put(levels.get(c), c);
        }
        RatingsBuilder b = Ratings.builder(Math.max(1, levels.size()));
        for (int x = 0; x < triples.size(); x++) {
            Integer c = index.get(cells.get(x));
            if (c == null) {
                throw new IllegalStateException("label " + cells.get(x) + " not among " + levels);
            }
            b.add(triples.get(x)[0], triples.get(x)[1], c);
        }
        double[] values = numeric && forced == null ? levels.stream().mapToDouble(Double::parseDouble).toArray() : null;
        return new Loaded(b.build(), levels, values);
    }
}
