package dev.kappa.consensus;

import dev.kappa.analysis.AnswerFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fitted Dawid-Skene model as the response shows it: matrices keyed by class, rows by true class, columns by answered class. */
record ModelView(long projectId, String method, double tolerance, int maxIterations, AnswerFilter.Shown filter,
                 List<PartView> models) {
    record PartView(String label, List<String> classes, Map<String, Double> classPriors, double logLikelihood,
                    int iterations, boolean converged, List<AnnotatorView> annotators) {
    }

    record AnnotatorView(long annotatorId, String externalId, String displayName, int answers,
                         Map<String, Map<String, Double>> confusion) {
    }

    static ModelView of(long projectId, ConsensusModel m, ConsensusRequest q) {
        return new ModelView(projectId, "dawid-skene", q.tolerance(), q.maxIterations(), q.filter().shown(),
                m.parts().stream().map(ModelView::part).toList());
    }

    private static PartView part(ConsensusModel.Part part) {
        List<String> classes = part.classes();
        Map<String, Double> priors = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            priors.put(classes.get(c), part.priors()[c]);
        }
        List<AnnotatorView> annotators = part.annotators().stream().map(a -> {
            Map<String, Map<String, Double>> confusion = new LinkedHashMap<>();
            for (int t = 0; t < classes.size(); t++) {
                Map<String, Double> row = new LinkedHashMap<>();
                for (int l = 0; l < classes.size(); l++) {
                    row.put(classes.get(l), a.confusion()[t][l]);
                }
                confusion.put(classes.get(t), row);
            }
            return new AnnotatorView(a.userId(), a.externalId(), a.displayName(), a.answers(), confusion);
        }).toList();
        return new PartView(part.label(), List.copyOf(classes), priors, part.logLikelihood(), part.iterations(),
                part.converged(), annotators);
    }
}
