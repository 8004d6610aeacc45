package dev.kappa.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a script with Debian's python3 (which has statsmodels and scikit-learn) as an independent implementation, and
 * returns what it prints. A missing python3 or module fails the test: the cross-check is the point.
 */
final class Python {
    private Python() {
    }

    static String run(String script, String stdin) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(false).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 timed out");
            assertEquals(0, p.exitValue(), "python3 failed (needs Debian's python3-statsmodels and python3-sklearn): " + err);
            return out;
        } catch (IOException e) {
            throw new AssertionError("could not run /usr/bin/python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
