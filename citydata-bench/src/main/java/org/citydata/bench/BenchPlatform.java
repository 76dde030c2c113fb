package org.citydata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.citydata.CitydataApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real platform started in this JVM for a benchmark: embedded PostgreSQL in a throwaway directory, the demo city
 * seeded, a random port, quiet logs. Closing it stops the platform and deletes the directory.
 */
final class BenchPlatform implements AutoCloseable {

    final Path dir;
    final ConfigurableApplicationContext context;
    final int port;
    private final String jdbcUrl;

    private BenchPlatform(Path dir, ConfigurableApplicationContext context) throws SQLException {
        this.dir = dir;
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            this.jdbcUrl = c.getMetaData().getURL();
        }
    }

    /** Starts the platform with the demo city seeded; {@code extra} are more {@code --key=value} settings. */
    static BenchPlatform start(String... extra) throws IOException, SQLException {
        return start(true, extra);
    }

    /**
     * Starts the platform, with the demo city (22 departments, their users and resources with rows) or empty (only
     * the first administrator and the bureau's department, faster to start).
     */
    static BenchPlatform start(boolean demo, String... extra) throws IOException, SQLException {
        Path dir = Files.createTempDirectory("citydata-bench");
        var app = new SpringApplication(CitydataApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        log("starting the platform in %s", dir);
        var args = new ArrayList<>(List.of(
                "--citydata.data-dir=" + dir, "--citydata.db.embedded-clean=true", "--citydata.demo.enabled=" + demo,
                "--server.port=0", "--logging.level.root=WARN", "--logging.level.org.citydata=WARN",
                "--logging.level.org.springdoc=ERROR"));
        args.addAll(List.of(extra));
        try {
            return new BenchPlatform(dir, app.run(args.toArray(String[]::new)));
        } catch (RuntimeException | SQLException e) {
            delete(dir);
            throw e;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A plain JDBC connection of the benchmark's own to the platform's database, as the superuser. */
    Connection jdbc() throws SQLException {
        var props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    @Override
    public void close() throws IOException {
        try {
            context.close();
        } finally {
            delete(dir);
        }
    }

    /** The 1, 5 and 15 minute load averages, where the system tells them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
