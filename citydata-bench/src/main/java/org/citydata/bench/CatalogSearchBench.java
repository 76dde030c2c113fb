package org.citydata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.SearchQuery;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.identity.Users;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.internal.TokenScope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog search at city scale: the real platform in-process on a throwaway embedded PostgreSQL, {@code resources}
 * synthetic resources loaded with COPY, the index rebuilt and timed, then a fixed set of Chinese queries (some with
 * facets) through the HTTP search API with a department application's token, through {@link CatalogSearch} in-process
 * (ours without HTTP), and through the anchor ({@link AnchorSearch}: {@code ILIKE} over the tables) — each with a
 * warm-up and then {@code requests} measured calls, one at a time. Prints latency percentiles and the ratio.
 *
 * <p>{@code java … org.citydata.bench.CatalogSearchBench [resources=100000] [requests=1000] [warmup=200]}
 */
public final class CatalogSearchBench {

    /** A search as a person types it: words (split on blanks for the anchor) and facet selections. */
    public record Query(String text, Map<String, List<String>> facets) {

        List<String> terms() {
            return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
        }

        String label() {
            var s = new StringBuilder(text.isBlank() ? "(无)" : text);
            facets.forEach((k, v) -> s.append(" ").append(k).append('=').append(String.join("|", v)));
            return s.toString();
        }
    }

    /** The fixed query set: common and rare words, districts, and facets (theme, provider, shareType). */
    public static final List<Query> QUERIES = List.of(
            q("企业 登记信息"),
            q("人口"),
            q("空气质量 监测数据", "theme", "ENVIRONMENT"),
            q("吴中区 企业", "provider", "3205SC"),
            q("医疗机构 许可信息", "theme", "HEALTH", "shareType", "UNCONDITIONAL"),
            q("公交线路"),
            q("失信被执行人", "theme", "CREDIT"),
            q("学生学籍", "provider", "3205JY"),
            q("旅游 统计汇总", "theme", "TOURISM"),
            q("养老保险 缴费记录"),
            q("不动产 登记信息", "provider", "3205ZR"),
            q("昆山市 安全生产"),
            q("税收", "theme", "ECONOMY", "shareType", "CONDITIONAL"),
            q("姑苏区 景区"),
            q("消防 检查记录", "shareType", "UNCONDITIONAL"),
            q("营商环境"),
            q("疫苗接种 2023"),
            q("数据"),
            q("相城区 污染源", "theme", "ENVIRONMENT", "provider", "3205HB"),
            q("", "theme", "TRANSPORT", "shareType", "UNCONDITIONAL"),
            q("就业 补贴发放信息", "provider", "3205RS"));

    private static Query q(String text, String... facets) {
        var map = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < facets.length; i += 2) map.put(facets[i], List.of(facets[i + 1]));
        return new Query(text, map);
    }

    public record Options(int resources, int requests, int warmup, long seed) {
        public static Options parse(String[] args) {
            int resources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
            int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
            int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            return new Options(resources, requests, warmup, 20261121L);
        }
    }

    /** Latencies of one path in milliseconds. */
    public record Stats(String path, int requests, double p50, double p95, double p99, double max, double mean) {

        static Stats of(String path, long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Stats(path, sorted.length, ms(pct(sorted, 0.50)), ms(pct(sorted, 0.95)), ms(pct(sorted, 0.99)),
                    ms(sorted[sorted.length - 1]), ms((long) Arrays.stream(sorted).average().orElse(0)));
        }

        /** Nearest rank. */
        private static long pct(long[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** One query's totals and median latency on each path. */
    public record PerQuery(Query query, long oursTotal, long anchorTotal, double oursMedian, double anchorMedian) {}

    public record Report(Options options, CatalogGenerator.Loaded loaded, long rebuildMillis, long indexBytes,
                         Stats http, Stats inProcess, Stats anchor, Stats floor, List<PerQuery> queries, String loadBefore,
                         String loadAfter) {

        public double ratioP50() {
            return anchor.p50() / http.p50();
        }

        public double ratioP95() {
            return anchor.p95() / http.p95();
        }

        public String table() {
            var out = new StringBuilder();
            out.append("\n== catalog search benchmark: %,d resources (%,d fields), %,d measured requests per path, %d warm-up ==%n"
                    .formatted(loaded.resources(), loaded.fields(), http.requests(), options.warmup()));
            out.append("machine: %d cores, load average before %s, after %s (other work on the machine skews the figures)%n"
                    .formatted(Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
            out.append("load (COPY)            %,8d ms%n".formatted(loaded.millis()));
            out.append("index rebuild          %,8d ms   (CatalogSearch.rebuild(), index %.1f MiB)%n"
                    .formatted(rebuildMillis, indexBytes / 1048576.0));
            out.append("%n%-40s %9s %9s %9s %9s %9s%n".formatted("path", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"));
            for (Stats s : List.of(http, inProcess, anchor, floor))
                out.append("%-40s %9.2f %9.2f %9.2f %9.2f %9.2f%n".formatted(s.path(), s.p50(), s.p95(), s.p99(), s.max(), s.mean()));
            out.append("%nratio anchor/ours (HTTP API): p50 %.1fx, p95 %.1fx, p99 %.1fx%n"
                    .formatted(ratioP50(), ratioP95(), anchor.p99() / http.p99()));
            out.append("goal p95 <= 20 ms for the search API: %s (p95 %.2f ms)%n"
                    .formatted(http.p95() <= 20 ? "met" : "NOT met", http.p95()));
            out.append("%n%-44s %11s %11s %11s %11s%n".formatted("query", "ours hits", "anchor hits", "ours p50", "anchor p50"));
            for (PerQuery q : queries)
                out.append("%-44s %11d %11d %11.2f %11.2f%n".formatted(pad(q.query().label(), 44), q.oursTotal(), q.anchorTotal(),
                        q.oursMedian(), q.anchorMedian()));
            out.append("""

                    ours: GET /api/v1/resources (Lucene + smartcn, facet counts of all 7 facets, page of 20) over HTTP with a bearer token.
                    in-process: CatalogSearch.search(actor, query), the same search without HTTP, JSON and token check.
                    floor: GET /api/v1/me with the same token, the cost of an authenticated API call that does not search.
                    anchor: plain JDBC, ILIKE '%word%' over name and summary per word + facets as WHERE, count(*) and LIMIT 20 page.
                    Per query: hits (total) and median latency in ms, ours through the HTTP API.
                    Hits differ by design: ours segments the words and also searches field labels and tags; the anchor matches substrings.
                    """);
            return out.toString();
        }

        /** Pads by display width (a CJK character takes two columns). */
        private static String pad(String s, int width) {
            int w = s.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
            return w >= width ? s : s + " ".repeat(width - w);
        }
    }

    private CatalogSearchBench() {}

    public static void main(String[] args) throws Exception {
        var report = run(Options.parse(args));
        System.out.println(report.table());
    }

    public static Report run(Options options) throws Exception {
        try (var platform = BenchPlatform.start()) {
            return measure(platform, options);
        }
    }

    private static Report measure(BenchPlatform platform, Options options) throws Exception {
        var context = platform.context;
        String loadBefore = loadAverage();
        int port = platform.port;
        try (Connection jdbc = platform.jdbc()) {
            log("loading %,d resources with COPY", options.resources());
            var loaded = CatalogGenerator.load(jdbc, options.resources(), options.seed());
            log("loaded %,d resources and %,d fields in %,d ms; rebuilding the index", loaded.resources(), loaded.fields(), loaded.millis());
            var search = context.getBean(CatalogSearch.class);
            var rebuilt = search.rebuild();
            log("index rebuilt: %,d resources in %,d ms", rebuilt.resources(), rebuilt.millis());

            // a department application of the bureau, as a real integrator would call: published resources of all
            // departments, drafts of its own
            var users = context.getBean(Users.class);
            var admin = users.find("dsj_admin").orElseThrow();
            var adminActor = new Actor(Actor.Kind.USER, admin.id(), admin.username(), admin.displayName(), admin.departmentId(), admin.roles());
            var tokens = context.getBean(ApiTokens.class);
            var issued = tokens.issue(adminActor, new ApiTokens.TokenForm("citydata-bench", "3205DSJ", Set.of(TokenScope.CATALOG_READ), 1));
            if (!issued.succeeded()) throw new IllegalStateException("cannot issue a token: " + issued.problem());
            String secret = issued.value().secret();
            Actor application = tokens.authenticate(secret).value();
            long departmentId = context.getBean(Departments.class).findByCode("3205DSJ").orElseThrow().id();

            var http = new HttpApi(port, secret);
            var anchor = new AnchorSearch(jdbc, departmentId);
            var json = JsonMapper.builder().build();

            int n = QUERIES.size();
            long[] oursTotals = new long[n];
            long[] anchorTotals = new long[n];
            for (int i = 0; i < n; i++) {
                oursTotals[i] = json.readTree(http.get(QUERIES.get(i))).get("total").asLong();
                anchorTotals[i] = anchor.search(QUERIES.get(i));
            }

            log("HTTP API: %d warm-up, %d measured", options.warmup(), options.requests());
            long[] httpNanos = time(options, options.warmup(), q -> http.get(q));
            log("in-process CatalogSearch: %d warm-up, %d measured", options.warmup(), options.requests());
            long[] inProcessNanos = time(options, options.warmup(), q -> search.search(application, toSearchQuery(q)));
            int anchorWarmup = Math.min(options.warmup(), 2 * n);
            log("anchor (ILIKE over JDBC): %d warm-up, %d measured", anchorWarmup, options.requests());
            long[] anchorNanos = time(options, anchorWarmup, anchor::search);

            log("floor (GET /api/v1/me): %d warm-up, %d measured", options.warmup(), options.requests());
            long[] floorNanos = time(options, options.warmup(), q -> http.me());

            var perQuery = new ArrayList<PerQuery>();
            for (int i = 0; i < n; i++)
                perQuery.add(new PerQuery(QUERIES.get(i), oursTotals[i], anchorTotals[i], median(httpNanos, i, n), median(anchorNanos, i, n)));
            return new Report(options, loaded, rebuilt.millis(), size(platform.dir.resolve("index")),
                    Stats.of("ours: HTTP search API", httpNanos), Stats.of("ours: CatalogSearch in-process", inProcessNanos),
                    Stats.of("anchor: ILIKE over JDBC", anchorNanos), Stats.of("floor: HTTP GET /api/v1/me", floorNanos), perQuery, loadBefore, loadAverage());
        }
    }

    static SearchQuery toSearchQuery(Query q) {
        var filters = new EnumMap<SearchQuery.Facet, List<String>>(SearchQuery.Facet.class);
        q.facets().forEach((param, values) -> filters.put(Arrays.stream(SearchQuery.Facet.values())
                .filter(f -> f.param.equals(param)).findFirst().orElseThrow(), values));
        return new SearchQuery(q.text().isBlank() ? null : q.text(), filters, 0, 20);
    }

    @FunctionalInterface
    private interface Call {
        Object run(Query q) throws Exception;
    }

    /** Warm-up, then {@code requests} calls round-robin over the queries; request i used query i % size. */
    private static long[] time(Options options, int warmup, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) call.run(QUERIES.get(i % QUERIES.size()));
        long[] nanos = new long[options.requests()];
        for (int i = 0; i < nanos.length; i++) {
            Query q = QUERIES.get(i % QUERIES.size());
            long start = System.nanoTime();
            call.run(q);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static double median(long[] nanos, int query, int queries) {
        var mine = new ArrayList<Long>();
        for (int i = query; i < nanos.length; i += queries) mine.add(nanos[i]);
        if (mine.isEmpty()) return Double.NaN;
        mine.sort(Comparator.naturalOrder());
        return ms(mine.get((mine.size() - 1) / 2));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The platform's search API over real HTTP/1.1 with keep-alive, as an integrator calls it. */
    private static final class HttpApi {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String bearer;

        HttpApi(int port, String secret) {
            this.base = "http://localhost:" + port + "/api/v1";
            this.bearer = "Bearer " + secret;
        }

        byte[] get(Query q) throws IOException, InterruptedException {
            var params = new ArrayList<String>();
            if (!q.text().isBlank()) params.add("q=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8));
            q.facets().forEach((k, vs) -> vs.forEach(v -> params.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
            var request = HttpRequest.newBuilder(URI.create(base + "/resources?" + String.join("&", params)))
                    .header("Authorization", bearer).header("Accept", "application/json").GET().build();
            return send(request);
        }

        byte[] me() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + "/me")).header("Authorization", bearer)
                    .header("Accept", "application/json").GET().build());
        }

        private byte[] send(HttpRequest request) throws IOException, InterruptedException {
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
                throw new IllegalStateException("search API answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            return response.body();
        }
    }

    private static String loadAverage() {
        return BenchPlatform.loadAverage();
    }

    private static void log(String format, Object... args) {
        BenchPlatform.log(format, args);
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
