package dev.kappa.study;

import dev.kappa.http.Access;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Responses;
import dev.kappa.stats.SampleSize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/sample-size}: how many items a baseline needs, for an interval of a given half-width (Wilson), or
 * with {@code paired=true} for a given power to detect a model-vs-human difference on the same items. Pure arithmetic,
 * so it runs on the event loop; any signed-in user may ask.
 */
public final class SampleSizeRoutes implements ApiRouter.Routes {
    @Override
    public void mount(Router router) {
        router.get("/api/sample-size").handler(this::plan);
    }

    private void plan(RoutingContext ctx) {
        Access.caller(ctx);
        String metric = ctx.queryParams().get("metric");
        if (metric != null && !metric.isBlank() && !metric.equals("accuracy")) {
            throw Problems.badRequest("metric", "only accuracy is planned (a proportion); got '" + clip(metric) + "'");
        }
        double expected = number(ctx, "expected", null, 0.0, 1.0, true);
        double level = number(ctx, "level", 0.95, 0.5, 0.9999, false);
        String paired = ctx.queryParams().get("paired");
        if (paired != null && !paired.equals("true") && !paired.equals("false")) {
            throw Problems.badRequest("paired", "must be true or false");
        }
        JsonObject out = new JsonObject().put("metric", "accuracy").put("expected", expected).put("level", level);
        if ("true".equals(paired)) {
            double difference = number(ctx, "difference", null, -1.0, 1.0, true);
            double power = number(ctx, "power", 0.8, 0.5, 0.9999, false);
            String d = ctx.queryParams().get("discordance");
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
            out.put("paired", true).put("difference", difference).put("power", power)
                    .put("method", "two-sided z-test on paired per-item differences (McNemar setting)")
                    .put("discordance", p.discordance()).put("sd_difference", p.sd()).put("effect_size", p.effectSize())
                    .put("n", p.n() < 0 ? null : p.n()).put("achieved_power", p.n() < 0 ? null : p.power());
        } else {
            double half = number(ctx, "half_width", null, 1e-6, 0.5, true);
            SampleSize.Width w = SampleSize.forWidth(expected, half, level);
            out.put("paired", false).put("half_width", half).put("method", "wilson")
                    .put("n", w.n() < 0 ? null : w.n()).put("achieved_half_width", w.n() < 0 ? null : w.halfWidth())
                    .put("interval", w.n() < 0 ? null : new io.vertx.core.json.JsonArray().add(w.lower()).add(w.upper()));
        }
        Responses.json(ctx, 200, out);
    }

    private static double number(RoutingContext ctx, String name, Double fallback, double min, double max, boolean required) {
        String v = ctx.queryParams().get(name);
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
