package dev.kappa.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Dawid-Skene consensus by EM: A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer
 * Error-Rates Using the EM Algorithm", Applied Statistics 28(1), 1979, section 2. One confusion matrix
 * pi^(j)_kl (true class k, answered l) per annotator and class priors p_k.
 * <ul>
 * <li>Start (paper, section 3): T_ik = item i's observed response proportions (replicates counted).</li>
 * <li>M-step (section 2): pi^(j)_kl = sum_i T_ik n^(j)_il / sum_l sum_i T_ik n^(j)_il,
 *     p_k = sum_i T_ik / I (over items with answers).</li>
 * <li>E-step (section 2, Bayes' theorem): T_ik proportional to p_k prod_j prod_l (pi^(j)_kl)^(n^(j)_il), in logs.</li>
 * </ul>
 * One iteration is an M-step then an E-step; it has converged when the observed-data log-likelihood
 * changed by less than the tolerance per answered item (the usual EM stopping rule, made size-free).
 * Conventions so that results are always defined: a confusion row with no mass (the
 * annotator never answered an item believed to be of that class) is uniform; zero probabilities enter
 * the logs as 1e-300, so an item whose answers are impossible under every class still gets a posterior.
 * Gold labels are never an input.
 */
public final class DawidSkene {
    private DawidSkene() {
    }

    private static final double LOG_FLOOR = Math.log(1e-300);

    /**
     * @param confusion {@code confusion[(annotator * k + trueClass) * k + answered]}
     * @param logLikelihood observed-data log-likelihood at the last E-step (up to the multinomial constant)
     */
    public record Result(Consensus consensus, double[] priors, double[] confusion, int iterations,
                         boolean converged, double logLikelihood) {
        public double confusion(int annotator, int trueClass, int answered) {
            int k = priors.length;
            return confusion[(annotator * k + trueClass) * k + answered];
        }
    }

    /** Tolerance 1e-6 log-likelihood per item, at most 1000 iterations. */
    public static Result fit(Ratings r) {
        return fit(r, 1e-6, 1000);
    }

    public static Result fit(Ratings r, double tolerance, int maxIterations) {
        return fit(r, tolerance, maxIterations, r.nItems >= PARALLEL_ITEMS);
    }

    /** {@code parallel}: the E-step on every core; the result is the same to the last bit either way. */
    static Result fit(Ratings r, double tolerance, int maxIterations, boolean parallel) {
        int k = r.nClasses;
        int n = r.nItems;
        double[] t = new double[n * k];
        int[] counts = r.itemClassCounts();
        int answered = 0;
        for (int i = 0; i < n; i++) {
            int m = r.answersOn(i);
            if (m > 0) {
                answered++;
                for (int c = 0; c < k; c++) {
                    t[i * k + c] = (double) counts[i * k + c] / m;
                }
            }
        }
        double[] priors = new double[k];
        // Work layout [annotator][answered][true] keeps the inner loops over the true class contiguous.
        double[] work = new double[r.nAnnotators * k * k];
        double[] logWork = new double[work.length];
        double[] logPrior = new double[k];
        double[] itemLogLik = new double[n];
        int iter = 0;
        boolean converged = answered == 0;
        double logLik = 0;
        while (!converged && iter < maxIterations) {
            iter++;
            mStep(r, t, priors, work, answered);
            for (int x = 0; x < work.length; x++) {
                logWork[x] = work[x] > 0 ? Math.log(work[x]) : LOG_FLOOR;
            }
            for (int c = 0; c < k; c++) {
                logPrior[c] = priors[c] > 0 ? Math.log(priors[c]) : LOG_FLOOR;
            }
            double previous = logLik;
            logLik = eStep(r, t, logPrior, logWork, itemLogLik, parallel);
            // EM's classic stopping rule on the likelihood, per answered item so that the tolerance does
            // not depend on the size of the data; |.| < 0 never holds, so tolerance 0 runs the cap.
            converged = iter > 1 && Math.abs(logLik - previous) / answered < tolerance;
        }
        double[] conf = new double[work.length];
        for (int a = 0; a < r.nAnnotators; a++) {
            for (int l = 0; l < k; l++) {
                for (int c = 0; c < k; c++) {
                    conf[(a * k + c) * k + l] = work[(a * k + l) * k + c];
                }
            }
        }
        return new Result(new Consensus(k, argmax(r, t, k), t), priors, conf, iter, converged, logLik);
    }

    /** Below this many items one thread does the work: splitting would cost more than it saves. */
    private static final int PARALLEL_ITEMS = 20_000;
    /** Items per task of the parallel E-step. */
    private static final int CHUNK = 4096;

    /**
     * Posteriors t from priors and confusion (logs); returns the observed-data log-likelihood. {@code itemLogLik} is
     * scratch space, one term per item, reused across iterations.
     */
    private static double eStep(Ratings r, double[] t, double[] logPrior, double[] logWork, double[] itemLogLik,
                                boolean parallel) {
        int chunks = (r.nItems + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (parallel ? range.parallel() : range).forEach(ch -> {
            double[] logPost = new double[r.nClasses];
            for (int i = ch * CHUNK, end = Math.min(r.nItems, i + CHUNK); i < end; i++) {
                itemLogLik[i] = eStepItem(r, i, t, logPrior, logWork, logPost);
            }
        });
        // Summed in item order by one thread, so the likelihood (and so the stopping point) is the same on any
        // number of threads.
        double logLik = 0;
        for (double v : itemLogLik) {
            logLik += v;
        }
        return logLik;
    }

    /** One item's posterior into t; returns its log-likelihood term (0 for an item without answers). */
    private static double eStepItem(Ratings r, int i, double[] t, double[] logPrior, double[] logWork, double[] logPost) {
        int k = r.nClasses;
        if (r.start[i] == r.start[i + 1]) {
            return 0;
        }
        System.arraycopy(logPrior, 0, logPost, 0, k);
        for (int q = r.start[i]; q < r.start[i + 1]; q++) {
            int a = r.order[q];
            int base = (r.annotator[a] * k + r.label[a]) * k;
            for (int c = 0; c < k; c++) {
                logPost[c] += logWork[base + c];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logPost) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (int c = 0; c < k; c++) {
            double d = logPost[c] - max;
            // exp(-40) < 1e-17 is below double resolution next to the largest term (exactly 1), so
            // skipping it changes no posterior by more than 1e-17 and saves most exp calls.
            logPost[c] = d < -40 ? 0 : Math.exp(d);
            z += logPost[c];
        }
        for (int c = 0; c < k; c++) {
            t[i * k + c] = logPost[c] / z;
        }
        return max + Math.log(z);
    }

    /**
     * Priors and confusion (in the work layout [annotator][answered][true]) from posteriors t. One thread, in answer
     * order: the answers are stored item by item, so t is read in order; summing by annotator instead (to spread the
     * work over cores) reads t at random and was slower on two cores than this loop on one.
     */
    private static void mStep(Ratings r, double[] t, double[] priors, double[] work, int answered) {
        int k = r.nClasses;
        Arrays.fill(priors, 0);
        Arrays.fill(work, 0);
        for (int i = 0; i < r.nItems; i++) {
            for (int c = 0; c < k; c++) {
                priors[c] += t[i * k + c];
            }
        }
        for (int c = 0; c < k; c++) {
            priors[c] /= answered;
        }
        for (int a = 0; a < r.size(); a++) {
            int base = (r.annotator[a] * k + r.label[a]) * k;
            int ti = r.item[a] * k;
            for (int c = 0; c < k; c++) {
                work[base + c] += t[ti + c];
            }
        }
        // normalise each true-class row c of each annotator over the answered labels l
        for (int a = 0; a < r.nAnnotators; a++) {
            int base = a * k * k;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += work[base + l * k + c];
                }
                for (int l = 0; l < k; l++) {
                    work[base + l * k + c] = s > 0 ? work[base + l * k + c] / s : 1.0 / k;
                }
            }
        }
    }

    /** Most probable class; exact ties (e.g. symmetric data) are unresolved. */
    private static int[] argmax(Ratings r, double[] t, int k) {
        int[] label = new int[r.nItems];
        for (int i = 0; i < r.nItems; i++) {
            label[i] = Consensus.UNRESOLVED;
            double best = 0;
            boolean tie = false;
            for (int c = 0; c < k; c++) {
                double p = t[i * k + c];
                if (p > best + 1e-12) {
                    best = p;
                    label[i] = c;
                    tie = false;
                } else if (p >= best - 1e-12 && p > 0) {
                    tie = true;
                }
            }
            if (tie) {
                label[i] = Consensus.UNRESOLVED;
            }
        }
        return label;
    }
}
