package org.citydata.bench;

import static org.citydata.bench.BenchPlatform.log;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.citydata.ingest.FileIngest;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.RowQuery;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.OpeningForm;
import org.citydata.opendata.Openings;
import org.postgresql.PGConnection;

/**
 * The open-data benchmarks of the portal and its APIs, in one run of the real platform (demo city seeded):
 *
 * <ol>
 *   <li><b>Download.</b> A {@code rows}-row open dataset (the 人口 file of {@link PeopleCsv}, opened with masking on:
 *       names {@code keep(1,0)}, birth dates to the year, mobiles {@code keep(3,4)}, addresses {@code keep(6,0)},
 *       the resident ID not opened) downloaded whole as CSV through the open API over HTTP, against the anchor
 *       {@code COPY (select <the same columns>) TO STDOUT (FORMAT csv, HEADER)} on the same table, alternating, two
 *       rounds. Goal: ours ≥ 0.7× the anchor's rows a second.</li>
 *   <li><b>Search.</b> {@code datasets} generated catalog resources ({@link CatalogGenerator}) opened besides the demo's,
 *       then {@code concurrency} clients calling, each path in turn after a warm-up: CKAN {@code package_search} with
 *       Chinese queries, the open API's dataset search, and record search (a page of a demo dataset's records with
 *       {@code q}, and pages of the big dataset). Before the first path the server answers {@value #SEARCH_WARM_UP}
 *       times {@code requests} searches of texts no path measures ({@code -Dbench.searchWarmUp=N} to change): the JIT
 *       compiles Lucene's and our search code over thousands of different searches, as on a server that has answered
 *       for a while. Then each path is warmed up on its own with {@value #PATH_WARM_UP} times {@code requests}, so what
 *       is measured is a server past its first minutes, not one still compiling the path. Prints p50/p95/p99, and beside
 *       each path's CPU a request its warm-up requests and the JIT's compiling time while measured. Goal: p95 ≤ 50 ms.</li>
 * </ol>
 *
 * <p>{@code java … org.citydata.bench.OpenDataBench [rows=10000000] [datasets=10000] [concurrency=16] [requests=2000]}
 */
public final class OpenDataBench {

    public static final double DOWNLOAD_GOAL = 0.7;
    public static final double P95_GOAL_MS = 50;
    /** Searches of unmeasured texts before the first measured path, per measured request of a path (half CKAN, half open API). */
    static final int SEARCH_WARM_UP = 3;
    /**
     * Warm-up requests of each path, per measured request. A path's own code runs once a request and C2 compiles a
     * method only after some thousands of calls: with a quarter, the compilers were busy for the whole measurement.
     */
    static final int PATH_WARM_UP = 5;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    public record Options(long rows, int datasets, int concurrency, int requests) {
        public static Options parse(String[] args) {
            return new Options(args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 10_000, args.length > 2 ? Integer.parseInt(args[2]) : 16,
                    args.length > 3 ? Integer.parseInt(args[3]) : 2_000);
        }
    }

    /** The opened columns, in catalog order, with the masking each is opened with. */
    private static final Map<String, String> OPENED = new LinkedHashMap<>();

    static {
        OPENED.put("name", "keep(1,0)");
        OPENED.put("birth_date", "year");
        OPENED.put("points", "clear");
        OPENED.put("amount", "clear");
        OPENED.put("mobile", "keep(3,4)");
        OPENED.put("verified", "clear");
        OPENED.put("address", "keep(6,0)");
    }

    static {
        // the search clients' connections are kept alive, one per client (the JDK keeps 5 per server by default)
        System.setProperty("http.maxConnections", "64");
    }

    private OpenDataBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println(run(Options.parse(args)));
    }

    /** Runs both benchmarks; the report as printed. Fails when a path answers wrongly or loses rows. */
    public static String run(Options options) throws Exception {
        Path work = Files.createTempDirectory("citydata-bench-open");
        try (var platform = BenchPlatform.start(true, "--citydata.admin.password=" + UUID.randomUUID(),
                // the clients all come from one address: the anonymous tier must not throttle the measurement
                "--citydata.opendata.tiers.anonymous.requests-per-minute=1000000000", "--citydata.opendata.tiers.anonymous.burst=1000000000",
                "--server.tomcat.threads.max=64")) {
            var out = new StringBuilder();
            download(platform, work, options, out);
            search(platform, options, out);
            return out.toString();
        } finally {
            BenchPlatform.delete(work);
        }
    }

    private static Actor actor(BenchPlatform platform, String username) {
        var u = platform.bean(Users.class).find(username).orElseThrow();
        return new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(), u.roles());
    }

    // ------------------------------------------------------------------ download

    private static void download(BenchPlatform platform, Path work, Options options, StringBuilder out) throws Exception {
        var officer = actor(platform, "tj_officer"); // 统计局 provides it
        var bureau = actor(platform, "dsj_admin");
        var fields = PeopleCsv.FIELDS.stream().map(f -> new FieldSpec(f.name(), f.label(), FieldType.valueOf(f.type()), f.length(),
                f.label(), f.sensitivity().equals("L4") ? Sensitivity.L3 : Sensitivity.valueOf(f.sensitivity()), f.key())).toList();
        var draft = new ResourceDraft("人口抽样调查个人记录（开放下载基准）", "3205TJ", "全市人口抽样调查的个人记录，脱敏后开放，用于开放数据下载的基准测试，按年更新。",
                ResourceType.BASIC, Theme.POPULATION, DataFormat.DATABASE, ShareType.CONDITIONAL, "仅限履行法定职责使用。",
                Set.of(ShareMethod.API), OpenType.OPEN, null, UpdateCycle.YEARLY, LocalDate.now(), "3205", List.of("人口", "基准测试"),
                List.of(), fields);
        var catalog = platform.bean(Catalog.class);
        String code = check(catalog.create(officer, draft)).code();
        check(catalog.publish(officer, code));
        Path file = work.resolve("people.csv");
        log("writing %,d rows", options.rows());
        PeopleCsv.write(file, options.rows(), 20261122L);
        log("loading into %s", code);
        try (var in = Files.newInputStream(file)) {
            var loaded = check(platform.bean(FileIngest.class).load(officer, code, "people.csv", in, new FileIngest.Options(null, null)));
            if (loaded.rowsLoaded() != options.rows()) throw new IllegalStateException("loaded " + loaded.rowsLoaded());
        }
        Files.delete(file);
        var openings = platform.bean(Openings.class);
        log("opening it (risk assessment on a sample) and approving");
        var opening = check(openings.propose(officer, new OpeningForm(code, OPENED, List.of(), 5, null, null), null));
        check(openings.approve(bureau, opening.id(), null, null));

        String table = DatasetLoadBench.versionTable(platform, officer, code);
        var openData = platform.bean(OpenData.class);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var url = URI.create("http://localhost:" + platform.port + "/api/open/v1/datasets/" + code + "/download?format=csv");
        String columns = String.join(", ", OPENED.keySet());
        out.append("== open-data download: %,d rows, masking on (%s) ==%n".formatted(options.rows(), OPENED));
        out.append("%-62s %6s %12s %10s %14s %8s%n".formatted("path", "round", "rows", "seconds", "rows/s", "ratio"));
        try (Connection jdbc = platform.jdbc()) {
            var copy = jdbc.unwrap(PGConnection.class).getCopyAPI();
            for (int round = 1; round <= 2; round++) {
                log("round %d: anchor COPY (select %s from dataset.%s) TO STDOUT", round, columns, table);
                var sink = new DatasetLoadBench.CountingSink();
                var cpu = CpuAccount.now();
                long start = System.nanoTime();
                copy.copyOut("copy (select " + columns + " from dataset." + table + ") to stdout (format csv, header)", sink);
                double anchorSeconds = (System.nanoTime() - start) / 1e9;
                long anchorRows = sink.lines - 1;
                String anchorCpu = CpuAccount.now().perRequest(cpu, 1);
                log("round %d: ours GET %s", round, url);
                var ours = new DatasetLoadBench.CountingSink();
                cpu = CpuAccount.now();
                start = System.nanoTime();
                var response = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) throw new IllegalStateException("download answered " + response.statusCode());
                try (var body = response.body()) {
                    body.transferTo(ours);
                }
                double oursSeconds = (System.nanoTime() - start) / 1e9;
                String oursCpu = CpuAccount.now().perRequest(cpu, 1);
                long oursRows = ours.lines - 1;
                if (anchorRows != options.rows() || oursRows != options.rows())
                    throw new IllegalStateException("rows: anchor " + anchorRows + ", ours " + oursRows);
                double ratio = (oursRows / oursSeconds) / (anchorRows / anchorSeconds);
                out.append("%-62s %6d %,12d %10.1f %,14.0f %8s%n".formatted("anchor: COPY (select <opened columns>) TO STDOUT", round,
                        anchorRows, anchorSeconds, anchorRows / anchorSeconds, ""));
                out.append("%-62s %6d %,12d %10.1f %,14.0f %7.2fx%n".formatted("ours: GET /api/open/v1/datasets/{code}/download?format=csv",
                        round, oursRows, oursSeconds, oursRows / oursSeconds, ratio));
                out.append("   round %d: %,d bytes anchor, %,d bytes ours (masked values, BOM); goal ≥ %.1fx: %s%n".formatted(round,
                        sink.bytes, ours.bytes, DOWNLOAD_GOAL, ratio >= DOWNLOAD_GOAL ? "met" : "NOT met"));
                // the same export without HTTP, to tell the export's own cost from the transport's
                log("round %d: ours in-process, OpenData.download then Export.writeTo", round);
                var direct = new DatasetLoadBench.CountingSink();
                cpu = CpuAccount.now();
                start = System.nanoTime();
                var export = check(openData.download(Actor.publicReader(0, "public"),
                        new RowQuery(code, List.of(), List.of(), List.of(), 0, 0), ExportFormat.CSV, "bench-" + round));
                long directRows = export.writeTo(direct);
                double directSeconds = (System.nanoTime() - start) / 1e9;
                String directCpu = CpuAccount.now().perRequest(cpu, 1);
                if (directRows != options.rows() || direct.lines - 1 != options.rows())
                    throw new IllegalStateException("rows in-process: " + directRows + ", lines " + (direct.lines - 1));
                out.append("%-62s %6d %,12d %10.1f %,14.0f %7.2fx%n".formatted("   (the same export in-process, no HTTP)", round, directRows,
                        directSeconds, directRows / directSeconds, (directRows / directSeconds) / (anchorRows / anchorSeconds)));
                out.append("   round %d CPU: anchor %s; ours %s; in-process %s%n".formatted(round, anchorCpu, oursCpu, directCpu));
                // the same download read by curl in a process of its own, as a person's or a script's client reads it: the JDK
                // client above spends more CPU reading than our side of HTTP spends writing, on the cores PostgreSQL needs too
                log("round %d: ours GET with curl", round);
                start = System.nanoTime();
                long curledLines = curlLines(url);
                double curlSeconds = (System.nanoTime() - start) / 1e9;
                if (curledLines < 0) {
                    out.append("   (curl not found: the download read by curl not measured)%n".formatted());
                } else {
                    if (curledLines - 1 != options.rows()) throw new IllegalStateException("rows by curl: " + (curledLines - 1));
                    out.append("%-62s %6d %,12d %10.1f %,14.0f %7.2fx%n".formatted("   (the same download read by curl, another process)",
                            round, curledLines - 1, curlSeconds, (curledLines - 1) / curlSeconds,
                            ((curledLines - 1) / curlSeconds) / (anchorRows / anchorSeconds)));
                }
            }
        }
    }

    // ------------------------------------------------------------------ search

    private static final List<String> WORDS = List.of("企业", "登记信息", "公交", "空气质量", "医疗机构", "许可", "学校", "统计",
            "环境 监测", "姑苏区", "旅游", "信用");

    private static void search(BenchPlatform platform, Options options, StringBuilder out) throws Exception {
        log("generating %,d catalog resources and opening them", options.datasets());
        int opened;
        try (Connection jdbc = platform.jdbc()) {
            long before;
            try (var st = jdbc.createStatement(); var rs = st.executeQuery("select coalesce(max(id), 0) from catalog_resource")) {
                rs.next();
                before = rs.getLong(1);
            }
            CatalogGenerator.load(jdbc, options.datasets(), 20261122L);
            try (var st = jdbc.createStatement()) {
                // every generated resource published and openable, so all of them are open datasets
                st.executeUpdate("update catalog_resource set status = 'PUBLISHED', open_type = case when open_type = 'CLOSED' then 'OPEN' "
                        + "else open_type end where id > " + before);
                // as published openings look after approval: every field in clear (generated resources have no data)
                opened = st.executeUpdate("""
                        insert into opendata_opening (resource_id, resource_code, provider_id, open_type, licence, field_names,
                            field_maskings, k, state, proposed_by, published_at)
                        select r.id, r.code, r.provider_id, r.open_type, 'CC-BY-4.0',
                               array(select f.name from catalog_field f where f.resource_id = r.id order by f.position),
                               array(select 'clear' from catalog_field f where f.resource_id = r.id order by f.position), 5, 'PUBLISHED',
                               'bench', now()
                        from catalog_resource r
                        where r.status = 'PUBLISHED' and r.open_type in ('OPEN', 'CONDITIONAL')
                          and not exists (select 1 from opendata_opening o where o.resource_id = r.id)""");
            }
        }
        platform.bean(CatalogSearch.class).rebuild();
        log("%,d generated resources opened; vacuum analyze", opened);
        try (Connection jdbc = platform.jdbc(); var st = jdbc.createStatement()) {
            // after the bulk writes, as an operator would: else autovacuum may start on them while paths are measured,
            // and its CPU counts as PostgreSQL's (likely why the record paths' share rose by a third in warmed runs)
            st.execute("vacuum analyze");
        }
        String demoCode;
        String bigCode;
        try (Connection jdbc = platform.jdbc(); var st = jdbc.createStatement()) {
            var rs = st.executeQuery("select code from catalog_resource where name = '公交线路与站点信息'");
            rs.next();
            demoCode = rs.getString(1);
            rs = st.executeQuery("select code from catalog_resource where name = '人口抽样调查个人记录（开放下载基准）'");
            rs.next();
            bigCode = rs.getString(1);
        }
        String base = "http://localhost:" + platform.port;
        var paths = new LinkedHashMap<String, java.util.function.IntFunction<String>>();
        paths.put("CKAN package_search?q=<word>&rows=10", i -> base + "/api/3/action/package_search?rows=10&q=" + enc(WORDS.get(i % WORDS.size())));
        paths.put("open API GET /datasets?q=<word>&theme=…", i -> base + "/api/open/v1/datasets?size=10&q=" + enc(WORDS.get(i % WORDS.size()))
                + (i % 3 == 0 ? "&theme=ECONOMY" : ""));
        paths.put("record search GET /datasets/<demo>/records?q=<word>", i -> base + "/api/open/v1/datasets/" + demoCode + "/records?size=20&q="
                + enc(List.of("路", "站", "1", "苏州", "东").get(i % 5)));
        paths.put("record page GET /datasets/<the download one>/records?page=N", i -> base + "/api/open/v1/datasets/" + bigCode + "/records?size=20&page="
                + (i % 50));
        // the long tail: texts nobody asked before, so no kept answer serves them (warmed up with other new texts)
        var broad = CatalogGenerator.searchTexts(true, 1).stream().filter(t -> !WORDS.contains(t)).toList();
        var narrow = CatalogGenerator.searchTexts(false, 2);
        var warmUps = new HashMap<String, java.util.function.IntFunction<String>>();
        String ckanTail = "CKAN package_search?q=<text never asked before>";
        String openTail = "open API GET /datasets?q=<text never asked before>";
        paths.put(ckanTail, i -> base + "/api/3/action/package_search?rows=10&q=" + enc(broad.get(i % broad.size())));
        warmUps.put(ckanTail, i -> base + "/api/3/action/package_search?rows=10&q=" + enc(narrow.get(i % narrow.size())));
        paths.put(openTail, i -> base + "/api/open/v1/datasets?size=10&q=" + enc(broad.get(i % broad.size())));
        warmUps.put(openTail, i -> base + "/api/open/v1/datasets?size=10&q=" + enc(narrow.get((narrow.size() / 2 + i) % narrow.size())));
        long total;
        try (Connection jdbc = platform.jdbc(); var st = jdbc.createStatement(); var rs = st.executeQuery("select count(*) from opendata_opening where state = 'PUBLISHED'")) {
            rs.next();
            total = rs.getLong(1);
        }
        // texts of three words: none is measured (the measured ones have one or two) nor used by a path's own warm-up
        int searchWarmUp = Integer.getInteger("bench.searchWarmUp", SEARCH_WARM_UP * options.requests());
        log("search warm-up: %,d searches of texts no path measures", searchWarmUp);
        if (searchWarmUp > 0) {
            drive(i -> warmUps.get(i % 2 == 0 ? ckanTail : openTail).apply(500 + i / 2), options.concurrency(), searchWarmUp);
        }
        out.append(("%n== open-data search: %,d published datasets, %d concurrent clients, %,d requests a path, after %,d searches of "
                + "other texts ==%n").formatted(total, options.concurrency(), options.requests(), searchWarmUp));
        out.append("%-56s %10s %9s %9s %9s %9s %8s%n".formatted("path", "requests/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "goal"));
        var cpus = new StringBuilder();
        // -Dbench.paths=<text>: only the paths whose name holds it (to profile one)
        String only = System.getProperty("bench.paths", "");
        for (var path : paths.entrySet()) {
            if (!path.getKey().contains(only)) continue;
            log("search: %s — warm-up", path.getKey());
            int warmedUp = Math.max(200, PATH_WARM_UP * options.requests());
            drive(warmUps.getOrDefault(path.getKey(), path.getValue()), options.concurrency(), warmedUp);
            log("search: %s", path.getKey());
            double machine = MachineCheck.millis();
            var cpu = CpuAccount.now();
            long jit = JIT.getTotalCompilationTime();
            var run = drive(path.getValue(), options.concurrency(), options.requests());
            cpus.append("   %s CPU a request: %s; machine check %.0f ms; %,d warm-up requests, JIT compiling %,d ms while measured%n"
                    .formatted(path.getKey(), CpuAccount.now().perRequest(cpu, options.requests()), machine, warmedUp,
                            JIT.getTotalCompilationTime() - jit));
            out.append("%-56s %,10.0f %9.1f %9.1f %9.1f %9.1f %8s%n".formatted(path.getKey(), run.perSecond, run.p50, run.p95, run.p99, run.max,
                    run.p95 <= P95_GOAL_MS ? "met" : "NOT met"));
        }
        out.append(cpus);
    }

    private record Run(double perSecond, double p50, double p95, double p99, double max) {}

    /**
     * One GET, its body read whole; the status. By {@link java.net.HttpURLConnection}, which reads on the calling thread:
     * the JDK's HttpClient hands every response between threads and spent about 1 ms of CPU a request, on the same two
     * cores the platform answers on (clients elsewhere would not take it from the platform).
     */
    private static int get(String url) throws java.io.IOException {
        var connection = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Accept", "application/json"); // as an API client asks (the JDK's default asks for HTML first)
        int status = connection.getResponseCode();
        try (var body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) body.transferTo(java.io.OutputStream.nullOutputStream()); // read to the end: the connection is reused
        }
        return status;
    }

    private static Run drive(java.util.function.IntFunction<String> url, int concurrency, int requests) throws Exception {
        var next = new AtomicInteger();
        var millis = new double[requests];
        var failures = new AtomicInteger();
        var threads = Executors.newFixedThreadPool(concurrency, OpenDataBench::daemon);
        long start = System.nanoTime();
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int c = 0; c < concurrency; c++) futures.add(threads.submit(() -> {
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                long t = System.nanoTime();
                try {
                    if (get(url.apply(i)) != 200) failures.incrementAndGet();
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            return null;
        }));
        for (var f : futures) f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        if (failures.get() > 0) throw new IllegalStateException(failures.get() + " of " + requests + " requests failed");
        Arrays.sort(millis);
        return new Run(requests / seconds, at(millis, 0.50), at(millis, 0.95), at(millis, 0.99), millis[millis.length - 1]);
    }

    /** The lines curl reads from the URL (counted by wc), or -1 without curl. */
    private static long curlLines(URI url) throws Exception {
        var process = new ProcessBuilder("bash", "-o", "pipefail", "-c", "curl -sSf '" + url + "' | wc -l").redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        if (exit == 127) return -1;
        if (exit != 0) throw new IllegalStateException("curl " + url + " exited " + exit + ": " + answer);
        return Long.parseLong(answer);
    }

    /** Client threads that do not keep the JVM alive once the benchmark is done (a run holds the bench lock until it exits). */
    private static Thread daemon(Runnable r) {
        var t = new Thread(r, "bench-client");
        t.setDaemon(true);
        return t;
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T check(org.citydata.kernel.Result<T> result) {
        if (!result.succeeded()) throw new IllegalStateException(result.problem().code() + " " + result.problem().args() + " "
                + result.problem().violations());
        return result.value();
    }
}
