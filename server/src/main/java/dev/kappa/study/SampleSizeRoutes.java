package dev.kappa.study;

import dev.kappa.http.Query;
import dev.kappa.http.Access;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Responses;
import dev.kappa.stats.SampleSize;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /api/sample-size}: how many items a baseline needs, for an interval of a given half-width (Wilson), or
 * with {@code paired=true} for a given power to detect a model-vs-human difference on the same items. Pure arithmetic,
 * so it runs on the event loop; any signed-in user may ask.
 */
public final class SampleSizeRoutes implements ApiRouter.Routes {
    /** Items needed for a power to detect a paired difference; n and achieved_power are null when none suffices. */
    record Paired(String metric, double expected, double level, boolean paired, double difference, double power,
                  String method, double discordance, double sdDifference, double effectSize, Integer n, Double achievedPower) {
    }

    /** Items needed for a Wilson interval of a half-width; null figures when none suffices. */
    record Width(String metric, double expected, double level, boolean paired, double halfWidth, String method, Integer n,
                 Double achievedHalfWidth, List<Double> interval) {
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("planSampleSize", this::plan);
    }

    private void plan(RoutingContext ctx) {
        Access.caller(ctx);
        String metric = Query.from(ctx).raw("metric");
        if (metric != null && !metric.isBlank() && !metric.equals("accuracy")) {
            throw Problems.badRequest("metric", "only accuracy is planned (a proportion); got '" + clip(metric) + "'");
        }
        double expected = number(ctx, "expected", null, 0.0, 1.0, true);
        double level = number(ctx, "level", 0.95, 0.5, 0.9999, false);
        String paired = Query.from(ctx).raw("paired");
        if (paired != null && !paired.equals("true") && !paired.equals("false")) {
            throw Problems.badRequest("paired", "must be true or false");
        }
        if ("true".equals(paired)) {
            double difference = number(ctx, "difference", null, -1.0, 1.0, true);
            double power = number(ctx, "power", 0.8, 0.5, 0.9999, false);
            String d = Query.from(ctx).raw("discordance");
            Double discordance = d == null || d.isBlank() ? null : number(ctx, "discordance", null, 0.0, 1.0, true);
            if (difference == 0) {
                throw Problems.badRequest("difference", "must not be 0: no number of items has power to detect no difference");
            }
            if (expected + difference < 0 || expected + difference > 1) {
                throw Problems.badRequest("difference", "expected + difference (the model's accuracy) must lie in [0, 1]");
            }
            SampleSize.Power p;
            try {
                p = SampleSize.forPairedDifference(expected, difference, discordance, level, power);
            } catch (IllegalArgumentException e) {
                throw Problems.badRequest(discordance == null ? "difference" : "discordance", e.getMessage());
            }
            Responses.json(ctx, 200, new Paired("accuracy", expected, level, true, difference, power,
                    "two-sided z-test on paired per-item differences (McNemar setting)", p.discordance(), p.sd(),
                    p.effectSize(), p.n() < 0 ? null : p.n(), p.n() < 0 ? null : p.power()));
        } else {
            double half = number(ctx, "half_width", null, 1e-6, 0.5, true);
            SampleSize.Width w = SampleSize.forWidth(expected, half, level);
            Responses.json(ctx, 200, new Width("accuracy", expected, level, false, half, "wilson", w.n() < 0 ? null : w.n(),
                    w.n() < 0 ? null : w.halfWidth(), w.n() < 0 ? null : List.of(w.lower(), w.upper())));
        }
    }

    private static double number(RoutingContext ctx, String name, Double fallback, double min, double max, boolean required) {
        String v = Query.from(ctx).raw(name);
        if (v == null || v.isBlank()) {
            if (required && fallback == null) {
                throw Problems.badRequest(name, "is required");
            }
            return fallback;
        }
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name, "must be a number");
        }
        if (!(x >= min && x <= max)) {
            throw Problems.badRequest(name, "must be between " + min + " and " + max);
        }
        return x;
    }

    private static String clip(String s) {
        String t = s.replace('\0', '?');
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
