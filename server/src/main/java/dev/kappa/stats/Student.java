package dev.kappa.stats;

/**
 * Student's t quantiles for any positive (fractional) degrees of freedom, from the regularized incomplete beta
 * function: P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz and Stegun 26.7.1 and 26.5.27), evaluated by the continued
 * fraction and log-gamma of W. H. Press et al., Numerical Recipes, 2nd ed., 1992, §6.1 and §6.4, and inverted by
 * bisection. Used for intervals whose variance comes from few clusters (Satterthwaite degrees of freedom).
 */
public final class Student {
    private Student() {
    }

    /** The p-quantile of t with {@code df} degrees of freedom, 0.5 <= p < 1. */
    public static double quantile(double p, double df) {
        if (!(p >= 0.5 && p < 1) || !(df > 0)) {
            throw new IllegalArgumentException("need 0.5 <= p < 1 and df > 0");
        }
        double tail = 2 * (1 - p);
        double lo = 0;
        double hi = 1;
        while (twoSidedTail(hi, df) > tail) {
            hi *= 2;
            if (hi > 1e12) {
                return hi;
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (twoSidedTail(mid, df) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(|T| > t). */
    public static double twoSidedTail(double t, double df) {
        return incompleteBeta(df / 2, 0.5, df / (df + t * t));
    }

    static double incompleteBeta(double a, double b, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        return x < (a + 1) / (a + b + 2) ? bt * continuedFraction(a, b, x) / a : 1 - bt * continuedFraction(b, a, 1 - x) / b;
    }

    private static double continuedFraction(double a, double b, double x) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** Lanczos' approximation as in Numerical Recipes' gammln (relative error below 2e-10). */
    static double logGamma(double xx) {
        double[] cof = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
                0.1208650973866179e-2, -0.5395239384953e-5};
        double y = xx;
        double tmp = xx + 5.5;
        tmp -= (xx + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : cof) {
            ser += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / xx);
    }
}
