package dev.kappa.support;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** A Kappa server in its own JVM process (same classpath as the tests): shares nothing with others but the database. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(String databaseUrl, Map<String, String> extraEnv) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return start(databaseUrl, port, extraEnv);
    }

    /** A server on a given port: to bring one back where its clients (a browser) expect it after {@link #kill()}. */
    public static ServerProcess start(String databaseUrl, int port, Map<String, String> extraEnv) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.kappa.App");
        Map<String, String> env = pb.environment();
        env.put("KAPPA_HTTP_PORT", String.valueOf(port));
        env.put("KAPPA_HTTP_HOST", "127.0.0.1");
        env.put("KAPPA_DATABASE_URL", databaseUrl);
        env.put("KAPPA_DATABASE_USER", TestDatabases.USER);
        env.put("KAPPA_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
        env.put("KAPPA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        env.putAll(extraEnv);
        File log = new File("target", "server-process-" + port + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        ServerProcess sp = new ServerProcess(pb.start(), port);
        Http http = new Http(port);
        // Up to 90 s: on a 2-core machine shared by several builds, a JVM start with Flyway's check took 35 s.
        for (int i = 0; i < 900; i++) {
            try {
                if (http.get("/ready").status() == 200) {
                    return sp;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            if (!sp.process.isAlive()) {
                throw new IllegalStateException("server process died; see " + log.getAbsolutePath());
            }
            Thread.sleep(100);
        }
        sp.close();
        throw new IllegalStateException("server process not ready in 90 s; see " + log.getAbsolutePath());
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http(port);
    }

    /** Cuts the server off at once (SIGKILL): no graceful shutdown, open connections simply drop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
