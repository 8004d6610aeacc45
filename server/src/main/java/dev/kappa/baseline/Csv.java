package dev.kappa.baseline;

import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;

import java.util.ArrayList;
import java.util.List;

/** A small CSV table (RFC 4180 quoting); empty cells for values that are undefined, never NaN. */
public final class Csv {
    private final StringBuilder out = new StringBuilder();
    private final List<String> row = new ArrayList<>();

    public Csv(List<String> header) {
        header.forEach(this::cell);
        end();
    }

    public Csv cell(Object v) {
        String s = v == null ? "" : v instanceof Double d ? (Double.isFinite(d) ? d.toString() : "") : v.toString();
        row.add(s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s);
        return this;
    }

    public Csv estimate(Estimate e) {
        return cell(e.defined() ? e.value() : null);
    }

    /** Value, low, high. */
    public Csv estimate(Estimate e, Bootstrap.Interval ci) {
        estimate(e);
        boolean has = ci != null && ci.lower().defined() && ci.upper().defined();
        cell(has ? ci.lower().value() : null);
        return cell(has ? ci.upper().value() : null);
    }

    public Csv end() {
        out.append(String.join(",", row)).append("\r\n");
        row.clear();
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** name, name_low, name_high for each name. */
    public static List<String> withIntervals(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(n);
            out.add(n + "_low");
            out.add(n + "_high");
        }
        return out;
    }
}
