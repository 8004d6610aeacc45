package dev.kappa.quality;

import dev.kappa.project.QualityPolicy;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import io.vertx.core.json.JsonObject;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

/** Annotator quality and the project's quality policy (engineers and admins). */
public final class QualityRoutes implements ApiRouter.Routes {
    private final QualityService quality;

    public QualityRoutes(QualityService quality) {
        this.quality = quality;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getAnnotatorQuality", this::report);
        operations.handle("getQualityPolicy", this::policy);
        operations.handle("setQualityPolicy", this::setPolicy);
    }

    private void report(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        quality.report(p, id, ConsensusRequest.from(Query.from(ctx))).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void policy(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        quality.policy(p, id).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    /** A whole policy; absent fields take the defaults (threshold .7 after 10 gold answers, no pause, crowd 1, expert 2). */
    private void setPolicy(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        Input in = Input.body(ctx);
        QualityPolicy d = QualityPolicy.DEFAULT;
        JsonObject weights = in.object("tier_weights");
        Input w = Input.of(weights == null ? new JsonObject() : weights);
        Double crowd = w.number("crowd");
        Double expert = w.number("expert");
        Double accuracy = in.number("min_gold_accuracy");
        Integer items = in.integer("min_gold_items");
        Boolean pause = in.bool("auto_pause");
        QualityPolicy policy = new QualityPolicy(accuracy == null ? d.minGoldAccuracy() : accuracy,
                items == null ? d.minGoldItems() : items, pause == null ? d.autoPause() : pause,
                crowd == null ? d.crowdWeight() : crowd, expert == null ? d.expertWeight() : expert);
        if (policy.crowdWeight() + policy.expertWeight() <= 0) {
            throw Problems.invalid("tier_weights", "crowd and expert cannot both be 0");
        }
        quality.setPolicy(p, id, policy).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }
}
