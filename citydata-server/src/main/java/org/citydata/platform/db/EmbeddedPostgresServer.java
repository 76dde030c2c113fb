package org.citydata.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the default install. Its data directory persists across restarts; a server left
 * behind by a killed JVM (still holding the directory) is stopped before a new one starts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}. A lock file beside the directory, held while this JVM lives, tells a
     * running platform (refuse to start) from a crashed one (its server is a leftover to stop).
     */
    static EmbeddedPostgresServer start(Path dataDir, int port, boolean clean) throws IOException {
        Files.createDirectories(dataDir);
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another citydata is already running on " + dataDir.toAbsolutePath()
                    + "; stop it first, or give this one its own citydata.data-dir");
        }
        stopLeftoverServer(dataDir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // zonky's default wipes the directory; ours holds the city's data
                .setCleanDataDirectory(clean)
                // zonky turns this off for speed; we promise that a committed change survives a crash
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) builder.setPort(port);
        try {
            var postgres = builder.start();
            log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres, channel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
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

    /** A {@code kill -9} of the platform leaves its PostgreSQL running; find it by its pid file and stop it. */
    private static void stopLeftoverServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        Optional<ProcessHandle> server = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (server.isEmpty()) return; // stale file of a dead server: PostgreSQL itself ignores it
        log.warn("a PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", server.get().pid(), dataDir);
        server.get().destroy(); // SIGTERM: its clients are gone, so the shutdown is quick and clean
        try {
            server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the leftover PostgreSQL pid " + server.get().pid()
                    + " holding " + dataDir + "; stop it by hand and start again", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
