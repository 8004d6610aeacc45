package dev.kappa;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging is SLF4J with Logback (logback.xml, dev.kappa.logging.LineEncoder). Vert.x, Hikari, Flyway and Zonky log
 * through SLF4J; whatever logs through JUL (Kappa's older classes, jOOQ's fallback) is bridged to it here.
 * Logback installs no shutdown hook, so the graceful stop's last lines are still written.
 */
final class Logging {
    private Logging() {
    }

    static void configure() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
