package dev.kappa.hardness;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.core.json.JsonObject;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.function.UnaryOperator;

/** The queue strategy and hardness settings of a project, and the explicit recompute (engineers and admins). */
public final class HardnessRoutes implements ApiRouter.Routes {
    private static final Set<String> FIELDS = Set.of("strategy", "run_id", "uncertainty", "human_disagreement",
            "consensus_method", "reference", "weights", "random_seed");
    private static final Set<String> WEIGHTS = Set.of("uncertainty", "model_disagreement", "human_disagreement",
            "class_weakness", "gold_conflict");

    private final HardnessService hardness;

    public HardnessRoutes(HardnessService hardness) {
        this.hardness = hardness;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getHardnessSettings", this::get);
        operations.handle("setHardnessSettings", this::put);
        operations.handle("recomputeHardness", this::recompute);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        hardness.settings(p, id).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        UnaryOperator<HardnessSettings> change = change(Input.body(ctx));
        hardness.update(p, id, change).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void recompute(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        hardness.recompute(p, id).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    /** The fields given replace the current ones; the rest are kept. {@code "run_id": null} follows the newest run. */
    static UnaryOperator<HardnessSettings> change(Input in) {
        for (String f : in.json().fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw Problems.invalid(f, "is not a hardness setting; known: " + FIELDS.stream().sorted().toList());
            }
        }
        String strategy = in.string("strategy");
        boolean runGiven = in.json().containsKey("run_id");
        Long runId = runGiven && in.has("run_id") ? (long) in.integer("run_id") : null;
        String uncertainty = in.string("uncertainty");
        String human = in.string("human_disagreement");
        String method = in.string("consensus_method");
        String reference = in.string("reference");
        JsonObject w = in.object("weights");
        // Types, enums and ranges (weights 0 to 1000, random_seed whole) are openapi.yaml's, checked by the router.
        Long seed = in.has("random_seed") ? ((Number) in.json().getValue("random_seed")).longValue() : null;
        JsonObject weights = w == null ? null : checkedWeights(w);
        return s -> {
            Weights old = s.weights();
            Weights next = weights == null ? old : weights(weights, old);
            return new HardnessSettings(strategy == null ? s.strategy() : Strategy.of(strategy),
                    runGiven ? runId : s.runId(),
                    uncertainty == null ? s.uncertainty() : Uncertainty.of(uncertainty),
                    human == null ? s.human() : Signals.Human.of(human),
                    method == null ? s.consensusMethod() : ConsensusMethod.of(method),
                    reference == null ? s.reference() : HardnessSettings.Reference.of(reference),
                    next, seed == null ? s.randomSeed() : seed);
        };
    }

    private static JsonObject checkedWeights(JsonObject w) {
        for (String f : w.fieldNames()) {
            if (!WEIGHTS.contains(f)) {
                throw Problems.invalid("weights." + f, "is not a signal; known: " + WEIGHTS.stream().sorted().toList());
            }
        }
        return w;
    }

    /** The weights given over the current ones; 422 when none would be positive. */
    private static Weights weights(JsonObject w, Weights old) {
        double u = w.getDouble("uncertainty", old.uncertainty());
        double md = w.getDouble("model_disagreement", old.modelDisagreement());
        double hd = w.getDouble("human_disagreement", old.humanDisagreement());
        double cw = w.getDouble("class_weakness", old.classWeakness());
        double gc = w.getDouble("gold_conflict", old.goldConflict());
        if (u + md + hd + cw + gc <= 0) {
            throw Problems.invalid("weights", "at least one weight must be positive");
        }
        return new Weights(u, md, hd, cw, gc);
    }
}
