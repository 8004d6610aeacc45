package dev.kappa.stats;

import java.util.Arrays;

/**
 * Dawid-Skene consensus by EM: A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer
 * Error-Rates Using the EM Algorithm", Applied Statistics 28(1), 1979, section 2. One confusion matrix
 * pi^(j)_kl (true class k, answered l) per annotator and class priors p_k.
 * <ul>
 * <li>Start (paper, section 3): T_ik = item i's observed response proportions (replicates counted).</li>
 * <li>M-step, eqs. (2.3)-(2.4): pi^(j)_kl = sum_i T_ik n^(j)_il / sum_l sum_i T_ik n^(j)_il,
 *     p_k = sum_i T_ik / I (over items with answers).</li>
 * <li>E-step, eq. (2.5): T_ik proportional to p_k prod_j prod_l (pi^(j)_kl)^(n^(j)_il), in logs.</li>
 * </ul>
 * One iteration is an M-step then an E-step; it has converged when no posterior T_ik moved by more than
 * the tolerance. Conventions so that results are always defined: a confusion row with no mass (the
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

    /** Tolerance 1e-5 on the posteriors, at most 1000 iterations. */
    public static Result fit(Ratings r) {
        return fit(r, 1e-5, 1000);
    }

    public static Result fit(Ratings r, double tolerance, int maxIterations) {
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
        double[] conf = new double[r.nAnnotators * k * k];
        double[] logConf = new double[conf.length];
        double[] logPost = new double[k];
        int iter = 0;
        boolean converged = false;
        double logLik = 0;
        while (iter < maxIterations && answered > 0) {
            iter++;
            mStep(r, t, priors, conf, answered);
            for (int x = 0; x < conf.length; x++) {
                logConf[x] = conf[x] > 0 ? Math.log(conf[x]) : LOG_FLOOR;
            }
            double maxChange = 0;
            logLik = 0;
            for (int i = 0; i < n; i++) {
                if (r.answersOn(i) == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    logPost[c] = priors[c] > 0 ? Math.log(priors[c]) : LOG_FLOOR;
                }
                for (int q = r.start[i]; q < r.start[i + 1]; q++) {
                    int a = r.order[q];
                    int base = r.annotator[a] * k * k + r.label[a];
                    for (int c = 0; c < k; c++) {
                        logPost[c] += logConf[base + c * k];
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logPost) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    logPost[c] = Math.exp(logPost[c] - max);
                    z += logPost[c];
                }
                logLik += max + Math.log(z);
                for (int c = 0; c < k; c++) {
                    double p = logPost[c] / z;
                    maxChange = Math.max(maxChange, Math.abs(p - t[i * k + c]));
                    t[i * k + c] = p;
                }
            }
            if (maxChange < tolerance) {
                converged = true;
                break;
            }
        }
        if (answered == 0) {
            converged = true;
        }
        return new Result(new Consensus(k, argmax(r, t, k), t), priors, conf, iter, converged, logLik);
    }

    private static void mStep(Ratings r, double[] t, double[] priors, double[] conf, int answered) {
        int k = r.nClasses;
        Arrays.fill(priors, 0);
        Arrays.fill(conf, 0);
        for (int i = 0; i < r.nItems; i++) {
            for (int c = 0; c < k; c++) {
                priors[c] += t[i * k + c];
            }
        }
        for (int c = 0; c < k; c++) {
            priors[c] /= answered;
        }
        for (int a = 0; a < r.size(); a++) {
            int base = r.annotator[a] * k * k + r.label[a];
            int ti = r.item[a] * k;
            for (int c = 0; c < k; c++) {
                conf[base + c * k] += t[ti + c];
            }
        }
        for (int row = 0; row < conf.length; row += k) {
            double s = 0;
            for (int l = 0; l < k; l++) {
                s += conf[row + l];
            }
            for (int l = 0; l < k; l++) {
                conf[row + l] = s > 0 ? conf[row + l] / s : 1.0 / k;
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
