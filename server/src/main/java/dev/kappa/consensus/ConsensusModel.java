package dev.kappa.consensus;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.stats.DawidSkene;
import dev.kappa.stats.Ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dawid-Skene's fitted parameters (issue 14), the paper's Table 2: for every annotator a confusion matrix (row = true
 * class, column = answered class, each row summing to 1), the class priors (the paper's marginals p_k), the
 * observed-data log-likelihood at the last E-step (up to the multinomial constant) and the EM iterations. A. P. Dawid
 * and A. M. Skene, Applied Statistics 28(1), 1979, eqs. 2.3-2.5. Annotators are people, as in the paper: an answer
 * counts for its annotator whatever tier it was given under. A multi-label schema is fitted one label at a time
 * (present / absent), as its consensus is.
 */
public record ConsensusModel(List<Part> parts) {
    /** One annotator's fitted confusion matrix; {@code confusion[true][answered]}. */
    public record Annotator(long userId, String externalId, String displayName, int answers, double[][] confusion) {
    }

    /** One fit: the whole label space, or one label of a multi schema (classes absent, present). */
    public record Part(String label, List<String> classes, double[] priors, double logLikelihood, int iterations,
                       boolean converged, List<Annotator> annotators) {
    }

    /** Who an annotator is, for the report: external id and display name by internal id. */
    public record Person(String externalId, String displayName) {
    }

    static ConsensusModel fit(AnswerSet set, Map<Long, Person> people, double tolerance, int maxIterations) {
        LabelSpace space = set.space();
        List<Part> parts = new ArrayList<>();
        int[] answers = new int[set.nAnnotators()];
        for (int a = 0; a < set.size(); a++) {
            answers[set.user(a)]++;
        }
        int n = space.multi() ? space.size() : 1;
        for (int p = 0; p < n; p++) {
            Ratings r = space.multi() ? set.present(p) : set.ratings();
            List<String> classes = space.multi() ? List.of("absent", "present") : space.keys();
            DawidSkene.Result res = DawidSkene.fit(r, tolerance, maxIterations);
            int k = classes.size();
            List<Annotator> annotators = new ArrayList<>();
            for (int u = 0; u < set.nAnnotators(); u++) {
                if (answers[u] == 0) {
                    continue;
                }
                double[][] m = new double[k][k];
                for (int t = 0; t < k; t++) {
                    for (int l = 0; l < k; l++) {
                        m[t][l] = res.confusion(u, t, l);
                    }
                }
                long id = set.userId(u);
                Person who = people.getOrDefault(id, new Person(null, null));
                annotators.add(new Annotator(id, who.externalId(), who.displayName(), answers[u], m));
            }
            parts.add(new Part(space.multi() ? space.keys().get(p) : null, classes, res.priors(), res.logLikelihood(),
                    res.iterations(), res.converged(), annotators));
        }
        return new ConsensusModel(parts);
    }
}
