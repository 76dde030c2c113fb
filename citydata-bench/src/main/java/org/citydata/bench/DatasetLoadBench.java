package org.citydata.bench;

import static org.citydata.bench.BenchPlatform.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowQuery;
import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.internal.TokenScope;
import org.citydata.ingest.FileIngest;
import org.citydata.ingest.IngestRun;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk load and export of a resource's data at 1 and 10 million rows, each beside PostgreSQL's own bulk path in the
 * same run:
 *
 * <ul>
 *   <li>anchor load: {@code COPY bench_raw FROM STDIN (FORMAT csv, HEADER)} of the file through PgJDBC's
 *       {@code CopyManager} into a plain table of the same column types, no index, no checks;</li>
 *   <li>ours over HTTP: {@code POST /api/v1/resources/{code}/data/uploads} (multipart, the file body streamed from
 *       disk) — detect encoding and delimiter, parse, check every value (GB 11643 check digits included), COPY into a
 *       new version table, then commit: duplicate-key check, unique index, count, analyze, switch;</li>
 *   <li>ours in-process: {@link FileIngest#load} of the same file (the same path without HTTP and multipart);</li>
 *   <li>anchor export: {@code COPY (select * from dataset.<version table>) TO STDOUT (FORMAT csv, HEADER)};</li>
 *   <li>ours export: {@code GET /api/v1/resources/{code}/data/export?format=csv} read to the end over HTTP, and
 *       {@link Datastore#export} in-process.</li>
 * </ul>
 *
 * Each step's heap is watched ({@link HeapWatch}) and its time split by sampling ({@link PhaseSampler}).
 *
 * <p>{@code java … org.citydata.bench.DatasetLoadBench [rows=1000000,10000000] [rounds=1]}
 */
public final class DatasetLoadBench {

    public static final double LOAD_GOAL = 0.7;
    public static final double EXPORT_GOAL = 0.8;
    /** The bureau's own department, which the platform creates with its first administrator. */
    private static final String DEPARTMENT = "DSJ";

    /**
     * Row counts to measure, rounds at each, a warm-up of that many rows through every path first (not measured: the
     * JIT compiles the load and export code there, not in the first measured step), and how often to sample.
     */
    public record Options(List<Long> rows, int rounds, long warmupRows, long seed, long sampleMillis) {
        public static Options parse(String[] args) {
            var rows = args.length > 0 && !args[0].isBlank()
                    ? Arrays.stream(args[0].split(",")).map(s -> Long.parseLong(s.strip().replace("_", ""))).toList()
                    : List.of(1_000_000L, 10_000_000L);
            int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
            long warmup = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
            return new Options(rows, rounds, warmup, 20261121L, 100);
        }
    }

    /** One measured step: what it moved, how long it took, the heap meanwhile, and where its time went. */
    public record Step(String path, long rows, long bytes, long nanos, HeapWatch.Peak heap, String profile, Double spoolSeconds) {

        public double seconds() {
            return nanos / 1e9;
        }

        public double rowsPerSecond() {
            return rows / seconds();
        }
    }

    /** The steps of one round at one size. */
    public record Round(long rows, int round, Step anchorLoad, Step anchorIndexed, Step httpLoad, Step inProcessLoad,
                        Step anchorExport, Step httpExport, Step inProcessExport) {

        public double loadRatioHttp() {
            return httpLoad.rowsPerSecond() / anchorLoad.rowsPerSecond();
        }

        public double loadRatioInProcess() {
            return inProcessLoad.rowsPerSecond() / anchorLoad.rowsPerSecond();
        }

        public double exportRatioHttp() {
            return httpExport.rowsPerSecond() / anchorExport.rowsPerSecond();
        }

        public double exportRatioInProcess() {
            return inProcessExport.rowsPerSecond() / anchorExport.rowsPerSecond();
        }

        List<Step> steps() {
            return List.of(anchorLoad, anchorIndexed, httpLoad, inProcessLoad, anchorExport, httpExport, inProcessExport);
        }
    }

    public record Report(Options options, List<PeopleCsv.Written> files, List<Round> rounds, long maxHeap, String loadBefore,
                         String loadAfter) {

        public String table() {
            var out = new StringBuilder();
            out.append("\n== dataset load and export benchmark: %s rows, %d round(s), after a warm-up of %,d rows ==%n".formatted(
                    String.join(" and ", options.rows().stream().map("%,d"::formatted).toList()), options.rounds(), options.warmupRows()));
            out.append("machine: %d cores, heap max %,d MiB, load average before %s, after %s (other work on the machine skews the figures)%n"
                    .formatted(Runtime.getRuntime().availableProcessors(), maxHeap / MIB, loadBefore, loadAfter));
            for (var f : files)
                out.append("file: %,d rows, %,.1f MiB (%.0f bytes/row), UTF-8 CSV with header, 8 fields, written in %.1f s%n"
                        .formatted(f.rows(), f.bytes() / (double) MIB, f.bytes() / (double) f.rows(), f.millis() / 1000.0));
            out.append("%n%-44s %12s %9s %12s %8s %9s %9s %9s%n".formatted("step", "rows", "seconds", "rows/s", "ratio",
                    "heap MiB", "peak MiB", "live MiB"));
            for (var r : rounds) {
                out.append("-- %,d rows, round %d%n".formatted(r.rows(), r.round()));
                line(out, r.anchorLoad(), 1.0);
                line(out, r.anchorIndexed(), r.anchorIndexed().rowsPerSecond() / r.anchorLoad().rowsPerSecond());
                line(out, r.httpLoad(), r.loadRatioHttp());
                if (r.httpLoad().spoolSeconds() != null)
                    out.append("%-44s %12s %9.1f%n".formatted("   of which multipart spool before the load", "", r.httpLoad().spoolSeconds()));
                line(out, r.inProcessLoad(), r.loadRatioInProcess());
                line(out, r.anchorExport(), 1.0);
                line(out, r.httpExport(), r.exportRatioHttp());
                line(out, r.inProcessExport(), r.exportRatioInProcess());
            }
            out.append(("%nratio: ours rows/s ÷ anchor rows/s in the same round. heap MiB: after a collection before the step;"
                    + " peak: most heap in use (garbage included, sampled every 10 ms);%nlive: most heap left after any collection during the step"
                    + " (what stays in memory). The platform and the benchmark client share this JVM.%n").formatted());
            for (var r : rounds) {
                out.append("goal at %,d rows (round %d): load ≥ %.1f× raw COPY: HTTP %.2f× %s, in-process %.2f× %s; export ≥ %.1f× COPY TO: HTTP %.2f× %s, in-process %.2f× %s%n"
                        .formatted(r.rows(), r.round(), LOAD_GOAL, r.loadRatioHttp(), met(r.loadRatioHttp(), LOAD_GOAL),
                                r.loadRatioInProcess(), met(r.loadRatioInProcess(), LOAD_GOAL), EXPORT_GOAL, r.exportRatioHttp(),
                                met(r.exportRatioHttp(), EXPORT_GOAL), r.exportRatioInProcess(), met(r.exportRatioInProcess(), EXPORT_GOAL)));
                out.append("   beside COPY + CREATE UNIQUE INDEX (the least any keyed load pays): HTTP %.2f×, in-process %.2f×%n".formatted(
                        r.httpLoad().rowsPerSecond() / r.anchorIndexed().rowsPerSecond(),
                        r.inProcessLoad().rowsPerSecond() / r.anchorIndexed().rowsPerSecond()));
            }
            out.append("%nwhere the time goes (sampled):%n".formatted());
            for (var r : rounds)
                for (var s : r.steps())
                    if (s.profile() != null && !s.path().startsWith("anchor"))
                        out.append("  %s, %,d rows, %.1f s:%n%s".formatted(s.path(), r.rows(), s.seconds(), s.profile()));
            return out.toString();
        }

        private static void line(StringBuilder out, Step s, double ratio) {
            out.append("%-44s %,12d %9.1f %,12.0f %7.2fx %9.0f %9.0f %9.0f%n".formatted(s.path(), s.rows(), s.seconds(), s.rowsPerSecond(),
                    ratio, s.heap().baseline() / (double) MIB, s.heap().used() / (double) MIB, s.heap().afterGc() / (double) MIB));
        }

        private static String met(double ratio, double goal) {
            return ratio >= goal ? "met" : "NOT met";
        }
    }

    private static final long MIB = 1024 * 1024;

    private DatasetLoadBench() {}

    public static void main(String[] args) throws Exception {
        var report = run(Options.parse(args));
        System.out.println(report.table());
    }

    public static Report run(Options options) throws Exception {
        Path work = Files.createTempDirectory("citydata-bench-load");
        try (var platform = BenchPlatform.start(false, // no demo city: the first administrator and the bureau's department suffice
                // a 1 GB upload: no size limit; Tomcat writes the part to this folder before the controller runs
                "--spring.servlet.multipart.max-file-size=-1", "--spring.servlet.multipart.max-request-size=-1",
                "--spring.servlet.multipart.location=" + work, "--server.tomcat.max-swallow-size=-1",
                "--citydata.admin.password=" + UUID.randomUUID())) { // set, so that no generated one is logged
            return measure(platform, work, options);
        } finally {
            BenchPlatform.delete(work);
        }
    }

    private static Report measure(BenchPlatform platform, Path work, Options options) throws Exception {
        String loadBefore = BenchPlatform.loadAverage();
        var users = platform.bean(Users.class);
        var admin = users.find("admin").orElseThrow(); // the first platform administrator, of the bureau (DSJ)
        var adminActor = new Actor(Actor.Kind.USER, admin.id(), admin.username(), admin.displayName(), admin.departmentId(), admin.roles());
        var tokens = platform.bean(ApiTokens.class);
        var issued = tokens.issue(adminActor, new ApiTokens.TokenForm("citydata-bench-load", DEPARTMENT,
                Set.of(TokenScope.CATALOG_READ, TokenScope.CATALOG_WRITE), 1));
        if (!issued.succeeded()) throw new IllegalStateException("cannot issue a token: " + issued.problem());
        String secret = issued.value().secret();
        Actor application = tokens.authenticate(secret).value();
        var http = new HttpApi(platform.port, secret);
        var files = new ArrayList<PeopleCsv.Written>();
        var rounds = new ArrayList<Round>();
        try (Connection jdbc = platform.jdbc(); Connection monitor = platform.jdbc()) {
            if (options.warmupRows() > 0) {
                Path file = work.resolve("warm-up.csv");
                var written = PeopleCsv.write(file, options.warmupRows(), options.seed() + 1);
                log("warm-up: %,d rows through every path (not measured)", written.rows());
                try {
                    round(platform, jdbc, monitor, http, application, written, 0, options);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            for (long n : options.rows()) {
                Path file = work.resolve("people-" + n + ".csv");
                log("writing %,d rows to %s", n, file);
                var written = PeopleCsv.write(file, n, options.seed());
                files.add(written);
                log("written: %,d bytes in %,d ms", written.bytes(), written.millis());
                try {
                    for (int round = 1; round <= options.rounds(); round++)
                        rounds.add(round(platform, jdbc, monitor, http, application, written, round, options));
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
        return new Report(options, files, rounds, Runtime.getRuntime().maxMemory(), loadBefore, BenchPlatform.loadAverage());
    }

    private static Round round(BenchPlatform platform, Connection jdbc, Connection monitor, HttpApi http, Actor application,
                               PeopleCsv.Written file, int round, Options options) throws Exception {
        long n = file.rows();
        String tag = round == 0 ? "%,d rows, warm-up".formatted(n) : "%,d rows, round %d".formatted(n, round);

        log("[%s] anchor: COPY FROM STDIN into an unindexed table", tag);
        var anchors = anchorLoad(jdbc, monitor, file, options);
        var anchorLoad = anchors.get(0);
        check(anchorLoad.rows() == n, "the anchor loaded " + anchorLoad.rows() + " rows, not " + n);
        log("[%s] anchor load: %.1f s, %,.0f rows/s; with the unique index after it %.1f s", tag, anchorLoad.seconds(),
                anchorLoad.rowsPerSecond(), anchors.get(1).seconds());

        String httpCode = http.createResource("人口基础信息（装载基准 " + tag + " HTTP）");
        log("[%s] ours: HTTP upload into %s", tag, httpCode);
        checkpoint(jdbc);
        var httpLoad = httpLoad(platform, monitor, http, application, httpCode, file, options);
        log("[%s] ours HTTP: %.1f s (spool %.1f s), %,.0f rows/s, %.2fx", tag, httpLoad.seconds(), httpLoad.spoolSeconds(),
                httpLoad.rowsPerSecond(), httpLoad.rowsPerSecond() / anchorLoad.rowsPerSecond());

        String localCode = http.createResource("人口基础信息（装载基准 " + tag + " 进程内）");
        log("[%s] ours: FileIngest.load in-process into %s", tag, localCode);
        checkpoint(jdbc);
        var inProcessLoad = inProcessLoad(platform, monitor, application, localCode, file, options);
        log("[%s] ours in-process: %.1f s, %,.0f rows/s, %.2fx", tag, inProcessLoad.seconds(), inProcessLoad.rowsPerSecond(),
                inProcessLoad.rowsPerSecond() / anchorLoad.rowsPerSecond());

        String table = versionTable(platform, application, httpCode);
        log("[%s] anchor: COPY (select * from dataset.%s) TO STDOUT", tag, table);
        var anchorExport = anchorExport(jdbc, monitor, table, options);
        check(anchorExport.rows() == n, "the anchor exported " + anchorExport.rows() + " rows, not " + n);
        log("[%s] ours: GET …/data/export?format=csv", tag);
        var httpExport = httpExport(monitor, http, httpCode, options);
        check(httpExport.rows() == n, "the export API gave " + httpExport.rows() + " rows, not " + n);
        log("[%s] ours: Datastore.export in-process", tag);
        var inProcessExport = inProcessExport(platform, monitor, application, httpCode, options);
        check(inProcessExport.rows() == n, "Datastore.export gave " + inProcessExport.rows() + " rows, not " + n);
        log("[%s] export: anchor %,.0f rows/s, HTTP %,.0f rows/s (%.2fx), in-process %,.0f rows/s (%.2fx)", tag,
                anchorExport.rowsPerSecond(), httpExport.rowsPerSecond(), httpExport.rowsPerSecond() / anchorExport.rowsPerSecond(),
                inProcessExport.rowsPerSecond(), inProcessExport.rowsPerSecond() / anchorExport.rowsPerSecond());
        return new Round(n, round, anchorLoad, anchors.get(1), httpLoad, inProcessLoad, anchorExport, httpExport, inProcessExport);
    }

    // ------------------------------------------------------------------ the steps

    /**
     * Raw COPY of the file into a fresh table with the same column types and no index; then, timed on its own, the
     * unique index on the key that our commit also builds (the second step: COPY and index together). The table is
     * dropped after.
     */
    private static List<Step> anchorLoad(Connection jdbc, Connection monitor, PeopleCsv.Written file, Options options) throws Exception {
        String table = "bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String columns = String.join(", ", PeopleCsv.FIELDS.stream().map(f -> f.name() + " " + f.sqlType()).toList());
        try (var s = jdbc.createStatement()) {
            s.execute("create table " + table + " (" + columns + ")");
        }
        checkpoint(jdbc);
        var copy = jdbc.unwrap(PGConnection.class).getCopyAPI();
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(), "org.postgresql.copy.CopyManager.copyIn");
             InputStream in = Files.newInputStream(file.file())) {
            long start = System.nanoTime();
            long rows = copy.copyIn("copy " + table + " from stdin (format csv, header)", in, 1 << 16);
            long nanos = System.nanoTime() - start;
            var raw = new Step("anchor: COPY FROM STDIN, unindexed table", rows, file.bytes(), nanos, heap.peak(),
                    sampler.report(nanos / 1e9), null);
            String key = PeopleCsv.FIELDS.stream().filter(PeopleCsv.Field::key).map(PeopleCsv.Field::name).findFirst().orElseThrow();
            checkpoint(jdbc);
            long indexStart = System.nanoTime();
            try (var s = jdbc.createStatement()) {
                s.execute("create unique index on " + table + " (" + key + ")");
            }
            long indexNanos = System.nanoTime() - indexStart;
            var indexed = new Step("anchor: COPY, then CREATE UNIQUE INDEX", rows, file.bytes(), nanos + indexNanos, heap.peak(), null, null);
            return List.of(raw, indexed);
        } finally {
            try (var s = jdbc.createStatement()) {
                s.execute("drop table if exists " + table);
            }
        }
    }

    private static Step httpLoad(BenchPlatform platform, Connection monitor, HttpApi http, Actor application, String code,
                                 PeopleCsv.Written file, Options options) throws Exception {
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(),
                "org.citydata.ingest.FileIngest.execute", "org.apache.catalina.connector.Request.parseParts")) {
            Instant sent = Instant.now();
            long start = System.nanoTime();
            JsonNode run = http.upload(code, file.file());
            long nanos = System.nanoTime() - start;
            var record = platform.bean(FileIngest.class).run(application, run.get("id").asLong()).value();
            checkLoaded(record, file.rows());
            double spool = Duration.between(sent, record.startedAt().toInstant()).toNanos() / 1e9;
            return new Step("ours: HTTP upload (multipart), whole path", record.rowsLoaded(), file.bytes(), nanos, heap.peak(),
                    sampler.report(nanos / 1e9), spool);
        }
    }

    private static Step inProcessLoad(BenchPlatform platform, Connection monitor, Actor application, String code,
                                      PeopleCsv.Written file, Options options) throws Exception {
        var ingest = platform.bean(FileIngest.class);
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(), "org.citydata.ingest.FileIngest.execute");
             InputStream in = Files.newInputStream(file.file())) {
            long start = System.nanoTime();
            var result = ingest.load(application, code, file.file().getFileName().toString(), in, new FileIngest.Options(null, null));
            long nanos = System.nanoTime() - start;
            if (!result.succeeded()) throw new IllegalStateException("in-process load failed: " + result.problem());
            checkLoaded(result.value(), file.rows());
            return new Step("ours: FileIngest.load in-process", result.value().rowsLoaded(), file.bytes(), nanos, heap.peak(),
                    sampler.report(nanos / 1e9), null);
        }
    }

    private static Step anchorExport(Connection jdbc, Connection monitor, String table, Options options) throws Exception {
        var copy = jdbc.unwrap(PGConnection.class).getCopyAPI();
        var sink = new CountingSink();
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(), "org.postgresql.copy.CopyManager.copyOut")) {
            long start = System.nanoTime();
            copy.copyOut("copy (select * from dataset." + table + ") to stdout (format csv, header)", sink);
            long nanos = System.nanoTime() - start;
            return new Step("anchor: COPY (select …) TO STDOUT", sink.lines - 1, sink.bytes, nanos, heap.peak(),
                    sampler.report(nanos / 1e9), null);
        }
    }

    private static Step httpExport(Connection monitor, HttpApi http, String code, Options options) throws Exception {
        var sink = new CountingSink();
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(), "org.citydata.datastore.Datastore.stream")) {
            long start = System.nanoTime();
            http.export(code, sink);
            long nanos = System.nanoTime() - start;
            return new Step("ours: HTTP GET …/data/export?format=csv", sink.lines - 1, sink.bytes, nanos, heap.peak(),
                    sampler.report(nanos / 1e9), null);
        }
    }

    private static Step inProcessExport(BenchPlatform platform, Connection monitor, Actor application, String code, Options options) throws Exception {
        var datastore = platform.bean(Datastore.class);
        var sink = new CountingSink();
        try (var heap = HeapWatch.start(); var sampler = PhaseSampler.start(monitor, options.sampleMillis(), "org.citydata.datastore.Datastore.stream")) {
            long start = System.nanoTime();
            var result = datastore.export(ReadTerms.owner(application, "benchmark", null), new RowQuery(code, null, null, null, 0, 0), ExportFormat.CSV, sink);
            long nanos = System.nanoTime() - start;
            if (!result.succeeded()) throw new IllegalStateException("in-process export failed: " + result.problem());
            check(result.value() == sink.lines - 1, "Datastore.export said " + result.value() + " rows but wrote " + (sink.lines - 1));
            return new Step("ours: Datastore.export in-process", result.value(), sink.bytes, nanos, heap.peak(),
                    sampler.report(nanos / 1e9), null);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void checkLoaded(IngestRun run, long rows) {
        check("SUCCEEDED".equals(run.status()), "the load ended " + run.status() + " " + run.errorCode() + " " + run.errorArgs());
        check(run.rowsRead() == rows && run.rowsLoaded() == rows && run.rowsRejected() == 0,
                "the load read %d, loaded %d, rejected %d of %d rows".formatted(run.rowsRead(), run.rowsLoaded(), run.rowsRejected(), rows));
    }

    /** The table of the resource's current version. */
    static String versionTable(BenchPlatform platform, Actor actor, String code) {
        long resourceId = platform.bean(Catalog.class).get(actor, code).value().id();
        return platform.bean(Datastore.class).current(resourceId).orElseThrow().tableName();
    }

    /** Writes dirty pages out before a measured load, so one step does not pay for the previous one's checkpoint. */
    private static void checkpoint(Connection jdbc) throws SQLException {
        try (var s = jdbc.createStatement()) {
            s.execute("checkpoint");
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }

    /** Counts bytes and line ends and keeps nothing. */
    static final class CountingSink extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') lines++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) if (b[i] == '\n') lines++;
        }
    }

    /** The platform's API over real HTTP/1.1, as a department's application calls it with its token. */
    static final class HttpApi {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String bearer;
        private final JsonMapper json = JsonMapper.builder().build();
        private final String department;

        HttpApi(int port, String secret) {
            this(port, secret, DEPARTMENT);
        }

        HttpApi(int port, String secret, String department) {
            this.base = "http://localhost:" + port + "/api/v1";
            this.bearer = "Bearer " + secret;
            this.department = department;
        }

        /** A draft resource of the department with the file's fields; its code. */
        String createResource(String name) throws IOException, InterruptedException {
            var draft = new LinkedHashMap<String, Object>();
            draft.put("name", name);
            draft.put("providerCode", department);
            draft.put("summary", "全市人口基础信息，用于数据装载与导出的基准测试，按日更新。");
            draft.put("resourceType", "BASIC");
            draft.put("theme", "POPULATION");
            draft.put("format", "DATABASE");
            draft.put("shareType", "CONDITIONAL");
            draft.put("shareCondition", "依据《中华人民共和国个人信息保护法》，仅限履行法定职责使用。");
            draft.put("shareMethods", List.of("API"));
            draft.put("openType", "CLOSED");
            draft.put("updateCycle", "DAILY");
            draft.put("regionCode", "3205");
            draft.put("tags", List.of("人口", "基准测试"));
            draft.put("fields", PeopleCsv.FIELDS.stream().map(f -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("name", f.name());
                m.put("label", f.label());
                m.put("type", f.type());
                m.put("length", f.length());
                m.put("sensitivity", f.sensitivity());
                m.put("key", f.key());
                return (Map<String, Object>) m;
            }).toList());
            var request = HttpRequest.newBuilder(URI.create(base + "/resources")).header("Authorization", bearer)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(draft))).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201)
                throw new IllegalStateException("creating the resource answered " + response.statusCode() + ": " + response.body());
            return json.readTree(response.body()).get("code").asString();
        }

        /** Publishes a draft, so other departments can ask for it. */
        void publish(String code) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(URI.create(base + "/resources/" + code + "/publish")).header("Authorization", bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
                throw new IllegalStateException("publishing answered " + response.statusCode() + ": " + response.body());
        }

        /**
         * The file as a multipart upload whose body is streamed from disk: the part's head, the file, the closing
         * boundary, concatenated publishers with a known length (so no chunking and nothing held in memory).
         */
        JsonNode upload(String code, Path file) throws IOException, InterruptedException {
            String boundary = "citydata-bench-" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
            var request = HttpRequest.newBuilder(URI.create(base + "/resources/" + code + "/data/uploads"))
                    .header("Authorization", bearer).header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201)
                throw new IllegalStateException("the upload answered " + response.statusCode() + ": " + response.body());
            return json.readTree(response.body());
        }

        /** The whole CSV export read to its end into {@code sink}. */
        void export(String code, OutputStream sink) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(URI.create(base + "/resources/" + code + "/data/export?format=csv"))
                    .header("Authorization", bearer).GET().build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200)
                    throw new IllegalStateException("the export answered " + response.statusCode() + ": "
                            + new String(in.readNBytes(4096), StandardCharsets.UTF_8));
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) sink.write(buffer, 0, n);
            }
        }
    }
}
