package dev.kappa.baseline;

import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.stats.DawidSkene;
import dev.kappa.stats.Ratings;

/**
 * All-tier consensus by Dawid-Skene, fitted exactly as {@code GET /consensus?method=dawid-skene} fits it by default
 * (same tolerance and iteration cap, {@link ConsensusRequest}), so the reference is the consensus the project shows:
 * the class with the highest posterior.
 * Leaving people out does not refit the model: it keeps the priors and confusion matrices fitted on every answer
 * and drops the left-out answers' likelihood terms, so an item's reference comes only from the other answers. (A
 * refit per left-out person would cost one EM run per answer; one person's share of a confusion matrix fitted on
 * thousands of answers moves it very little.) No answer left, or an exact tie of posteriors, gives no reference.
 */
final class ConsensusReference implements Reference {
    private static final double LOG_FLOOR = Math.log(1e-300);

    private final BaselineData d;
    private final DawidSkene.Result fit;
    /** log prior + every answer's log likelihood, per item and class. */
    private final double[] logPost;
    /** log confusion, [(user * k + answered) * k + trueClass]. */
    private final double[] logConf;
    /** One item's log posterior while leaving people out, per thread (rows are built in parallel). */
    private final ThreadLocal<double[]> scratch;

    ConsensusReference(BaselineData d) {
        this.d = d;
        int k = d.nClasses;
        this.fit = DawidSkene.fit(Ratings.of(d.item, d.user, d.label, d.nItems, d.nUsers, k),
                ConsensusRequest.DEFAULT_TOLERANCE, ConsensusRequest.DEFAULT_MAX_ITERATIONS);
        this.logConf = new double[d.nUsers * k * k];
        for (int u = 0; u < d.nUsers; u++) {
            for (int l = 0; l < k; l++) {
                for (int c = 0; c < k; c++) {
                    logConf[(u * k + l) * k + c] = log(fit.confusion(u, c, l));
                }
            }
        }
        this.scratch = ThreadLocal.withInitial(() -> new double[k]);
        this.logPost = new double[d.nItems * k];
        for (int i = 0; i < d.nItems; i++) {
            for (int c = 0; c < k; c++) {
                logPost[i * k + c] = log(fit.priors()[c]);
            }
            for (int q = d.start[i]; q < d.start[i + 1]; q++) {
                add(logPost, i * k, d.order[q], 1);
            }
        }
    }

    private static double log(double p) {
        return p > 0 ? Math.log(p) : LOG_FLOOR;
    }

    private void add(double[] target, int at, int answer, int sign) {
        int k = d.nClasses;
        int base = (d.user[answer] * k + d.label[answer]) * k;
        for (int c = 0; c < k; c++) {
            target[at + c] += sign * logConf[base + c];
        }
    }

    DawidSkene.Result fit() {
        return fit;
    }

    @Override
    public String kind() {
        return "consensus";
    }

    @Override
    public boolean fromAnswers() {
        return true;
    }

    @Override
    public boolean builtFrom(boolean expertTier) {
        return true;
    }

    @Override
    public int without(int item, int[] users, int nUsers) {
        int k = d.nClasses;
        double[] post = scratch.get();
        System.arraycopy(logPost, item * k, post, 0, k);
        int left = d.answersOn(item);
        for (int q = d.start[item]; q < d.start[item + 1]; q++) {
            int a = d.order[q];
            if (Reference.listed(d.user[a], users, nUsers)) {
                add(post, 0, a, -1);
                left--;
            }
        }
        return left == 0 ? -1 : argmax(post);
    }

    /**
     * As Dawid-Skene's own choice: posteriors within 1e-12 of the best are a tie, and a tie is no label. Posteriors
     * are only normalised (exp) when another class comes within 1e-6 in log space of the best, since otherwise their
     * ratio is below 1 - 1e-6 and the best (at least 1 / k) leads by more than 1e-6 / k, far above 1e-12.
     */
    private static int argmax(double[] logPost) {
        int top = 0;
        for (int c = 1; c < logPost.length; c++) {
            if (logPost[c] > logPost[top]) {
                top = c;
            }
        }
        double max = logPost[top];
        boolean close = false;
        for (int c = 0; c < logPost.length; c++) {
            close |= c != top && logPost[c] > max - 1e-6;
        }
        if (!close) {
            return top;
        }
        double z = 0;
        for (double v : logPost) {
            z += Math.exp(v - max);
        }
        int label = -1;
        double best = 0;
        boolean tie = false;
        for (int c = 0; c < logPost.length; c++) {
            double p = Math.exp(logPost[c] - max) / z;
            if (p > best + 1e-12) {
                best = p;
                label = c;
                tie = false;
            } else if (p >= best - 1e-12 && p > 0) {
                tie = true;
            }
        }
        return tie ? -1 : label;
    }
}
