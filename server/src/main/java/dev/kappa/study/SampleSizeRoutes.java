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
        // metric (only accuracy), the types and every range are openapi.yaml's, checked by the router.
        Query query = Query.from(ctx);
        double expected = required(query, "expected");
        double level = or(query, "level", 0.95);
        if (Boolean.TRUE.equals(query.bool("paired"))) {
            double difference = required(query, "difference");
            double power = or(query, "power", 0.8);
            Double discordance = query.number("discordance");
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
            double half = required(query, "half_width");
            SampleSize.Width w = SampleSize.forWidth(expected, half, level);
            Responses.json(ctx, 200, new Width("accuracy", expected, level, false, half, "wilson", w.n() < 0 ? null : w.n(),
                    w.n() < 0 ? null : w.halfWidth(), w.n() < 0 ? null : List.of(w.lower(), w.upper())));
        }
    }

    /** Which of these is required depends on {@code paired}, which the contract cannot say per parameter. */
    private static double required(Query query, String name) {
        Double x = query.number(name);
        if (x == null) {
            throw Problems.badRequest(name, "is required");
        }
        return x;
    }

    private static double or(Query query, String name, double fallback) {
        Double x = query.number(name);
        return x == null ? fallback : x;
    }
}
