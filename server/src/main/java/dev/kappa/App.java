package dev.kappa;

import org.slf4j.LoggerFactory;

/** Entry point: config from the environment, then start; SIGTERM runs a graceful stop. */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        Logging.configure();
        AppConfig config;
        try {
            config = AppConfig.fromEnv(System.getenv());
        } catch (ConfigException e) {
            System.err.println("kappa: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Kappa kappa = Kappa.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(kappa::close, "kappa-shutdown"));
        } catch (ConfigException e) {
            System.err.println("kappa: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            LoggerFactory.getLogger(App.class).error("start failed: " + e);
            System.err.println("kappa: start failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
