package dev.kappa.consensus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The writer before issue 16 (kept for {@link ConsensusJsonTest}) of a fitted Dawid-Skene model: matrices keyed by class, rows by true class, columns by answered class. */
final class ModelJson {
    private ModelJson() {
    }

    static JsonObject of(long projectId, ConsensusModel m, ConsensusRequest q) {
        JsonArray models = new JsonArray();
        for (ConsensusModel.Part part : m.parts()) {
            JsonObject priors = new JsonObject();
            for (int c = 0; c < part.classes().size(); c++) {
                priors.put(part.classes().get(c), part.priors()[c]);
            }
            JsonArray annotators = new JsonArray();
            for (ConsensusModel.Annotator a : part.annotators()) {
                JsonObject confusion = new JsonObject();
                for (int t = 0; t < part.classes().size(); t++) {
                    JsonObject row = new JsonObject();
                    for (int l = 0; l < part.classes().size(); l++) {
                        row.put(part.classes().get(l), a.confusion()[t][l]);
                    }
                    confusion.put(part.classes().get(t), row);
                }
                annotators.add(new JsonObject().put("annotator_id", a.userId()).put("external_id", a.externalId())
                        .put("display_name", a.displayName()).put("answers", a.answers()).put("confusion", confusion));
            }
            models.add(new JsonObject().put("label", part.label()).put("classes", new JsonArray(part.classes()))
                    .put("class_priors", priors).put("log_likelihood", part.logLikelihood())
                    .put("iterations", part.iterations()).put("converged", part.converged()).put("annotators", annotators));
        }
        return new JsonObject().put("project_id", projectId).put("method", "dawid-skene")
                .put("tolerance", q.tolerance()).put("max_iterations", q.maxIterations())
                .put("filter", filter(q.filter())).put("models", models);
    }

    /** {@code AnswerFilter.json()} before issue 16. */
    static JsonObject filter(dev.kappa.analysis.AnswerFilter f) {
        JsonObject o = new JsonObject().put("tier", f.tier() == null ? null : f.tier().getLiteral()).put("label", f.label())
                .put("from", f.from() == null ? null : f.from().toInstant().toString())
                .put("to", f.to() == null ? null : f.to().toInstant().toString());
        if (f.annotators() != null) {
            JsonArray ids = new JsonArray();
            for (long id : f.annotators()) {
                ids.add(id);
            }
            o.put("annotators", ids);
        } else {
            o.put("annotators", null);
        }
        o.put("workers", f.workers() == null ? null : new JsonArray(java.util.List.of(f.workers())));
        return o;
    }
}
