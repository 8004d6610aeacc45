package dev.kappa;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on stderr; JUL carries Vert.x, Hikari, Flyway and Zonky (through slf4j-jdk14). */
final class Logging {
    /**
     * jOOQ's open-source dialect warns at first use that the embedded PostgreSQL 14 is "older than" it supports; the
     * SQL Kappa uses works there. JUL holds loggers weakly: without this strong reference the level set below was
     * garbage-collected before jOOQ asked for its logger, and the warning came back on every start. Assigned in
     * {@link #configure()}, after the log manager is chosen (a static initialiser would create the default one).
     */
    private static volatile Logger jooqVersionSupport;

    private Logging() {
    }

    /**
     * JUL resets its handlers in its own shutdown hook, which would silence the graceful stop's log lines.
     * This manager ignores that reset; {@link #configure()} installs it before any logger exists.
     */
    public static final class KeepAliveLogManager extends LogManager {
        private volatile boolean configured;

        @Override
        public void reset() {
            if (!configured) {
                super.reset();
            }
        }
    }

    static void configure() {
        System.setProperty("java.util.logging.manager", KeepAliveLogManager.class.getName());
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        LogManager manager = LogManager.getLogManager();
        manager.reset();
        if (manager instanceof KeepAliveLogManager keep) {
            keep.configured = true;
        }
        jooqVersionSupport = Logger.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport");
        jooqVersionSupport.setLevel(java.util.logging.Level.SEVERE);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = r.getThrown() == null ? "" : " " + r.getThrown();
                return String.format("%1$tFT%1$tT.%1$tLZ %2$s %3$s: %4$s%5$s%n",
                        r.getMillis(), r.getLevel(), shortName(r.getLoggerName()), formatMessage(r), thrown);
            }
        });
        Logger.getLogger("").addHandler(handler);
    }

    private static String shortName(String name) {
        if (name == null) {
            return "-";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
