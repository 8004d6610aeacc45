package dev.kappa.stats;

/**
 * The standard normal distribution's CDF and quantile, for sample-size planning.
 * CDF: J. F. Hart's algorithm 5666 as given by G. West, "Better approximations to cumulative normal functions",
 * Wilmott Magazine, 2005 (double precision, absolute error below 1e-14). Quantile: P. J. Acklam's rational
 * approximation (relative error 1.15e-9) refined by one Halley step on that CDF, which brings it to machine precision.
 */
public final class Normal {
    private Normal() {
    }

    public static double cdf(double x) {
        double z = Math.abs(x);
        double c;
        if (z > 37) {
            c = 0;
        } else {
            double e = Math.exp(-z * z / 2);
            if (z < 7.07106781186547) {
                double num = ((((((3.52624965998911e-02 * z + 0.700383064443688) * z + 6.37396220353165) * z
                        + 33.912866078383) * z + 112.079291497871) * z + 221.213596169931) * z + 220.206867912376);
                double den = (((((((8.83883476483184e-02 * z + 1.75566716318264) * z + 16.064177579207) * z
                        + 86.7807322029461) * z + 296.564248779674) * z + 637.333633378831) * z + 793.826512519948) * z
                        + 440.413735824752);
                c = e * num / den;
            } else {
                double b = z + 0.65;
                b = z + 4 / b;
                b = z + 3 / b;
                b = z + 2 / b;
                b = z + 1 / b;
                c = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - c : c;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};

    /** The p-quantile, 0 < p < 1. */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = tail(q);
        } else if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -tail(q);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        double e = cdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
}
