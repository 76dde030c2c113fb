package org.citydata.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path tmp;

    private static void sql(EmbeddedPostgresServer server, String statement) throws Exception {
        try (var c = DriverManager.getConnection(server.jdbcUrl()); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(EmbeddedPostgresServer server, String table) throws Exception {
        try (var c = DriverManager.getConnection(server.jdbcUrl()); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void whatWasCommittedIsThereAfterARestart() throws Exception {
        Path dir = tmp.resolve("postgres");
        try (var first = EmbeddedPostgresServer.start(dir, 0, false)) {
            sql(first, "create table kept (id int)");
            sql(first, "insert into kept values (1), (2)");
        }
        try (var second = EmbeddedPostgresServer.start(dir, 0, false)) {
            assertThat(count(second, "kept")).isEqualTo(2);
        }
    }

    @Test
    void aSecondPlatformOnTheSameDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        Path dir = tmp.resolve("postgres");
        try (var running = EmbeddedPostgresServer.start(dir, 0, false)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir, 0, false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
            sql(running, "select 1"); // and the first is untouched
        }
    }

    /** The real crash: a JVM killed with SIGKILL leaves its PostgreSQL running; the next start stops it and goes on. */
    @Test
    void aServerLeftBehindByAKilledPlatformIsStoppedAndTheDataSurvives() throws Exception {
        Path dir = tmp.resolve("postgres");
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftoverPlatform.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) { /* the child's start-up log */ }
            assertThat(line).as("the child platform started its database").isEqualTo("READY");
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hooks, PostgreSQL keeps running
        assertThat(Files.exists(dir.resolve("postmaster.pid"))).isTrue();

        try (var next = EmbeddedPostgresServer.start(dir, 0, false)) {
            assertThat(count(next, "before_crash")).isEqualTo(1);
        }
    }

    /** Run in a child JVM by the test above: start, write, say READY, wait to be killed. */
    public static final class LeftoverPlatform {
        public static void main(String[] args) throws Exception {
            var server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, false);
            sql(server, "create table before_crash (id int)");
            sql(server, "insert into before_crash values (1)");
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
