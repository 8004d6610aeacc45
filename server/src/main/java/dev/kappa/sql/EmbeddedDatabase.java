package dev.kappa.sql;

import dev.kappa.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The default database: a real PostgreSQL started from the jar, with its files in {@code dataDir/pg} so that data
 * survives restarts. An exclusive lock on {@code dataDir/kappa.lock} keeps a second server off the same files;
 * two postmasters on one data directory would corrupt it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("KAPPA_DATA_DIR " + dataDir + " cannot be created: " + e.getMessage());
        }
        Path lockFile = dataDir.resolve("kappa.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException("KAPPA_DATA_DIR " + dataDir
                    + " is in use by another Kappa server (lock held on " + lockFile + "); stop it or choose another directory");
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("pg"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedDatabase(channel, lock, builder.start());
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
