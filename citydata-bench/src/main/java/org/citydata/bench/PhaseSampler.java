package org.citydata.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A poor man's profiler for one load or export, good enough to say where the time goes: every {@code interval} ms it
 * takes the stack of the platform thread doing the work and names what it is doing by the topmost frame it knows
 * (parse, check, COPY send, commit…), and asks PostgreSQL what the loading backend runs ({@code pg_stat_activity}):
 * COPY, the duplicate-key check, the unique index, counts, analyze, or nothing (waiting for the client).
 */
final class PhaseSampler implements AutoCloseable {

    /** A frame prefix and the name of what the thread does when that is the topmost known frame. */
    private record Rule(String prefix, String phase) {}

    /** A load: parse, check, hand to COPY; the first known frame from the top names the phase. */
    private static final List<Rule> LOAD_RULES = List.of(
            // PgJDBC talks through java.net.Socket; a write that blocks means the backend has not taken the last rows yet
            new Rule("java.net.Socket$SocketOutputStream", "send to PostgreSQL (socket write; blocks while the backend is busy)"),
            new Rule("java.net.Socket$SocketInputStream", "wait for PostgreSQL (socket read)"),
            new Rule("sun.nio.cs.", "decode UTF-8 (InputStreamReader)"),
            new Rule("java.io.InputStreamReader", "decode UTF-8 (InputStreamReader)"),
            new Rule("sun.nio.fs.", "read the file"),
            new Rule("java.io.FileInputStream", "read the file"),
            new Rule("sun.nio.ch.FileChannelImpl", "read the file"),
            new Rule("org.apache.commons.csv.", "parse CSV (commons-csv)"),
            new Rule("org.citydata.kernel.quality.ValueCheck.date", "check: dates (ValueCheck.date)"),
            new Rule("org.citydata.kernel.id.MobileNumber", "check/normalise: mobile (regex)"),
            new Rule("org.citydata.kernel.id.ResidentIdNumber", "check: resident ID (GB 11643)"),
            new Rule("org.citydata.kernel.", "check: other values (ValueCheck)"),
            new Rule("org.citydata.ingest.internal.Loader.normalize", "normalise values"),
            new Rule("org.citydata.ingest.internal.Loader$Run", "build the COPY row (quote, append)"),
            new Rule("org.citydata.ingest.FileIngest$", "read rows (FileIngest iterator)"),
            new Rule("org.postgresql.copy", "COPY: encode and hand to PgJDBC"),
            new Rule("org.postgresql.core.Encoding", "COPY: encode and hand to PgJDBC"),
            new Rule("org.postgresql.core.v3.QueryExecutorImpl.writeToCopy", "COPY: encode and hand to PgJDBC"),
            new Rule("org.postgresql.", "PgJDBC: other"),
            new Rule("org.apache.catalina.", "Tomcat request I/O"),
            new Rule("org.apache.coyote.", "Tomcat request I/O"),
            new Rule("org.apache.tomcat.", "Tomcat request I/O"));

    /** An export: fetch rows, turn values to text, print CSV, write the response. */
    private static final List<Rule> EXPORT_RULES = List.of(
            new Rule("java.net.Socket$SocketInputStream", "wait for PostgreSQL (fetch the next rows)"),
            new Rule("sun.nio.ch.SocketChannelImpl", "write the HTTP response (Tomcat)"),
            new Rule("org.apache.catalina.", "write the HTTP response (Tomcat)"),
            new Rule("org.apache.coyote.", "write the HTTP response (Tomcat)"),
            new Rule("org.apache.tomcat.", "write the HTTP response (Tomcat)"),
            new Rule("org.citydata.bench.", "the benchmark's counting sink"),
            new Rule("sun.nio.cs.", "encode UTF-8 (OutputStreamWriter)"),
            new Rule("java.io.OutputStreamWriter", "encode UTF-8 (OutputStreamWriter)"),
            new Rule("org.apache.commons.csv.", "print CSV (commons-csv)"),
            new Rule("java.io.BufferedWriter", "print CSV (commons-csv)"),
            new Rule("org.citydata.datastore.RowWriter", "value to text (RowWriter.text)"),
            new Rule("org.citydata.datastore.CsvRowWriter", "print CSV (commons-csv)"),
            new Rule("org.postgresql.jdbc.PgResultSet.next", "next row (PgJDBC)"),
            new Rule("org.postgresql.jdbc.", "read values (JDBC getters: parse text to Long, BigDecimal, LocalDate…)"),
            new Rule("org.citydata.datastore.Datastore.value", "read values (JDBC getters: parse text to Long, BigDecimal, LocalDate…)"),
            new Rule("org.postgresql.", "PgJDBC: receive rows"));

    /** Frames that mark a thread as the one doing the step. */
    private final List<String> markers;
    private final Connection db;
    private final long interval;
    private final Map<String, Integer> javaSide = new TreeMap<>();
    private final Map<String, Integer> dbSide = new TreeMap<>();
    private final Map<String, Integer> unknownTops = new TreeMap<>();
    private final Thread thread;
    /** -Dbench.sampler.debug=<phase prefix>: keep the stacks of that phase and print them in the report. */
    private static final String DEBUG = System.getProperty("bench.sampler.debug");
    private final Map<String, Integer> debugStacks = new TreeMap<>();
    private volatile boolean running = true;
    private int samples;

    private PhaseSampler(Connection db, long interval, List<String> markers) {
        this.db = db;
        this.interval = interval;
        this.markers = markers;
        thread = new Thread(this::loop, "bench-phase-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples the thread whose stack holds one of {@code markers}, and the database via its own connection {@code db}. */
    static PhaseSampler start(Connection db, long intervalMillis, String... markers) {
        return new PhaseSampler(db, intervalMillis, List.of(markers));
    }

    private void loop() {
        while (running) {
            long next = System.nanoTime() + interval * 1_000_000;
            sample();
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private synchronized void sample() {
        samples++;
        String java = "(no working thread)";
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            var stack = entry.getValue();
            if (!holdsMarker(stack)) continue;
            java = classify(stack);
            if (DEBUG != null && java.startsWith(DEBUG)) {
                var sig = new StringBuilder();
                for (int i = 0; i < Math.min(stack.length, 40); i++) sig.append("\n        ").append(stack[i]);
                debugStacks.merge(java + sig, 1, Integer::sum);
            }
            break;
        }
        javaSide.merge(java, 1, Integer::sum);
        dbSide.merge(database(), 1, Integer::sum);
    }

    private boolean holdsMarker(StackTraceElement[] stack) {
        for (var frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            for (String m : markers) if (name.startsWith(m)) return true;
        }
        return false;
    }

    /** Frames that name the phase wherever they are on the stack, whatever runs above them. */
    private static final List<Rule> ENCLOSING = List.of(
            new Rule("org.apache.catalina.connector.Request.parseParts", "multipart: Tomcat spools the upload to disk"),
            new Rule("org.citydata.datastore.Datastore.commit", "commit: waits for PostgreSQL (see the database side)"),
            new Rule("org.citydata.datastore.Datastore.begin", "begin: create the version table"),
            new Rule("org.citydata.datastore.Datastore.recordAccess", "export: record the access"));

    private String classify(StackTraceElement[] stack) {
        for (var frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            for (var rule : ENCLOSING) if (name.startsWith(rule.prefix())) return rule.phase();
        }
        boolean export = false;
        for (var frame : stack) export |= (frame.getClassName() + "." + frame.getMethodName()).startsWith("org.citydata.datastore.Datastore.stream");
        for (var frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            for (var rule : export ? EXPORT_RULES : LOAD_RULES) if (name.startsWith(rule.prefix())) return rule.phase();
        }
        String top = stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
        unknownTops.merge(top, 1, Integer::sum);
        return "other";
    }

    /** What the backends of the platform's pool run now, by the kind of statement; one name per sample. */
    private String database() {
        try (var statement = db.createStatement();
             var rs = statement.executeQuery("select query, wait_event_type, wait_event from pg_stat_activity where state = 'active' "
                     + "and pid <> pg_backend_pid() and backend_type = 'client backend' and query not like '%pg_stat_activity%'")) {
            String found = null;
            while (rs.next()) {
                String q = rs.getString(1).strip().toLowerCase(Locale.ROOT);
                String kind = q.startsWith("copy dataset.") ? "COPY into the version table"
                        : q.startsWith("copy (select") ? "COPY TO STDOUT (anchor)"
                        : q.startsWith("create unique index") ? "create unique index"
                        : q.contains("having count(*) > 1") ? "duplicate-key check (group by)"
                        : q.startsWith("select count(*) from dataset") && !q.contains(" join ") && !q.contains("exists") ? "count(*) of the new version"
                        : q.startsWith("select count(*)") ? "diff against the previous version"
                        : q.startsWith("analyze") ? "analyze"
                        : q.startsWith("select") && q.contains("from dataset.") ? "export query (cursor)"
                        : "other: " + q.substring(0, Math.min(40, q.length()));
                String wait = rs.getString(2) == null ? "" : " [wait " + rs.getString(2) + "/" + rs.getString(3) + "]";
                if (wait.contains("Client")) kind += " [waits for the client]";
                else if (!wait.isEmpty()) kind += wait;
                if (found == null || kind.compareTo(found) < 0) found = kind;
            }
            return found == null ? "(no statement running)" : found;
        } catch (SQLException e) {
            return "(pg_stat_activity failed: " + e.getMessage() + ")";
        }
    }

    /** The share of samples per phase, largest first, as indented lines with the time it stands for. */
    synchronized String report(double seconds) {
        var out = new StringBuilder();
        out.append("    platform thread (%d samples every %d ms):%n".formatted(samples, interval));
        lines(out, javaSide, seconds);
        out.append("    PostgreSQL backend:%n".formatted());
        lines(out, dbSide, seconds);
        if (!unknownTops.isEmpty()) {
            var top = unknownTops.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .map(e -> e.getKey() + " ×" + e.getValue()).toList();
            out.append("    (\"other\" top frames: %s)%n".formatted(String.join(", ", top)));
        }
        debugStacks.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .forEach(e -> out.append("    debug ×%d %s%n".formatted(e.getValue(), e.getKey())));
        return out.toString();
    }

    /** The share of samples per phase. */
    synchronized Map<String, Double> javaShares() {
        return shares(javaSide);
    }

    synchronized Map<String, Double> databaseShares() {
        return shares(dbSide);
    }

    private Map<String, Double> shares(Map<String, Integer> counts) {
        var out = new LinkedHashMap<String, Double>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() / (double) Math.max(1, samples)));
        return out;
    }

    private void lines(StringBuilder out, Map<String, Integer> counts, double seconds) {
        shares(counts).forEach((phase, share) -> out.append("      %5.1f %%  %7.1f s  %s%n".formatted(share * 100, share * seconds, phase)));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
