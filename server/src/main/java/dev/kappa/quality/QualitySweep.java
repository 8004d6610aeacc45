package dev.kappa.quality;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic part of auto-pause: every few seconds (KAPPA_QUALITY_SWEEP_SECONDS, 0 = off) each project whose policy
 * pauses automatically is checked, so a failing annotator stops getting tasks without anyone opening a report.
 */
public final class QualitySweep {
    private static final Logger LOG = Logger.getLogger(QualitySweep.class.getName());

    private QualitySweep() {
    }

    public static void start(Vertx vertx, QualityService quality, int seconds) {
        if (seconds <= 0) {
            return;
        }
        vertx.setPeriodic(seconds * 1000L, id -> quality.sweepAsync().onSuccess(QualitySweep::log)
                .onFailure(e -> LOG.log(Level.WARNING, "quality sweep failed", e)));
    }

    private static void log(List<AutoPause.Paused> paused) {
        paused.forEach(p -> LOG.info(String.format("paused annotator %d: gold accuracy %.3f after %d gold answers",
                p.userId(), p.goldAccuracy(), p.goldAnswers())));
    }
}
