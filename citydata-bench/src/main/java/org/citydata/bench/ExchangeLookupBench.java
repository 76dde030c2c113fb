package org.citydata.bench;

import static org.citydata.bench.BenchPlatform.log;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.citydata.exchange.ApplicationForm;
import org.citydata.exchange.Approval;
import org.citydata.exchange.ShareApplications;
import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.internal.TokenScope;
import org.citydata.ingest.FileIngest;

/**
 * Key lookups through the full exchange path beside a bare lookup, in the same server, by the same client, in the same
 * run:
 *
 * <ul>
 *   <li>ours: {@code GET /api/v1/exchange/resources/{code}/records/{id}} with an application token and a purpose — token
 *       check, scope, grant check (one indexed query), rate and quota, the datastore's access path (catalog, current
 *       version, the indexed lookup), masking of the four granted fields (resident ID as a format-preserving pseudonym,
 *       name, birth date to the year, mobile), and an access record durably committed to the Merkle log before the
 *       answer;</li>
 *   <li>anchor: {@code GET /api/v1/bench/people/{id}} ({@link BareLookup}) — the same token check and the same indexed
 *       {@code select … where id_number = ?} on the same table, answered as JSON, with no grant, masking or record.</li>
 * </ul>
 *
 * Both run on a 1M-row 人口基础信息 resource at a concurrency of 32, alternating, each after a warm-up, once both have
 * warmed up the JVM (see {@link Options}).
 *
 * <p>{@code java … org.citydata.bench.ExchangeLookupBench [rows=1000000] [concurrency=32] [seconds=20] [rounds=2] [warmupSeconds=10] [jvmWarmups=6]}
 */
public final class ExchangeLookupBench {

    public static final double THROUGHPUT_GOAL = 3_000;
    public static final double P99_GOAL_MS = 25;
    public static final double RATIO_GOAL = 0.6;

    /**
     * {@code jvmWarmups}: how many times both paths run for {@code warmupSeconds} each before the first round. On two
     * busy cores the JIT needs minutes to compile the web stack both paths share; the path measured first would pay
     * for that (a bare lookup cost 1.4 ms of CPU in a first round, 0.6 ms two minutes later).
     */
    public record Options(long rows, int concurrency, int seconds, int rounds, int warmupSeconds, int jvmWarmups) {
        public static Options parse(String[] args) {
            return new Options(args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 32, args.length > 2 ? Integer.parseInt(args[2]) : 20,
                    args.length > 3 ? Integer.parseInt(args[3]) : 2, args.length > 4 ? Integer.parseInt(args[4]) : 10,
                    args.length > 5 ? Integer.parseInt(args[5]) : 6);
        }
    }

    /** One measured run of one endpoint: requests answered, wall time, latency percentiles. */
    public record Run(String path, int round, long requests, long failures, double seconds, double p50Millis, double p99Millis,
                      double maxMillis, String cpu) {
        public double perSecond() {
            return requests / seconds;
        }
    }

    public record Report(Options options, List<Run> runs, long auditRecords, String auditWriter, String sample, String loadBefore,
                         String loadAfter) {

        double total(String prefix) {
            return runs.stream().filter(r -> r.path().startsWith(prefix)).mapToDouble(Run::perSecond).average().orElse(0);
        }

        public double ratio() {
            return total("ours") / total("anchor");
        }

        public double worstP99(String prefix) {
            return runs.stream().filter(r -> r.path().startsWith(prefix)).mapToDouble(Run::p99Millis).max().orElse(0);
        }

        public String table() {
            var out = new StringBuilder();
            out.append("%n== exchange key lookups: %,d rows, concurrency %d, %d s per run, %d round(s) after %d s warm-up each, %d × both paths to warm up the JVM ==%n"
                    .formatted(options.rows(), options.concurrency(), options.seconds(), options.rounds(), options.warmupSeconds(), options.jvmWarmups()));
            out.append("machine: %d cores, load average before %s, after %s; client and server share the machine%n"
                    .formatted(Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
            out.append("%n%-58s %5s %10s %9s %10s %9s %9s %9s%n".formatted("path", "round", "requests", "failed", "lookups/s", "p50 ms", "p99 ms", "max ms"));
            for (var r : runs)
                out.append("%-58s %5d %,10d %9d %,10.0f %9.2f %9.2f %9.1f%n".formatted(r.path(), r.round(), r.requests(), r.failures(),
                        r.perSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis()));
            out.append("%nCPU per lookup:%n".formatted());
            for (var r : runs) out.append("  %-56s round %d: %s%n".formatted(r.path(), r.round(), r.cpu()));
            out.append("%nratio ours ÷ anchor (mean lookups/s over the rounds): %.2f×%n".formatted(ratio()));
            out.append("access records written during the exchange runs: %,d (one per answered lookup, warm-up included)%n".formatted(auditRecords));
            out.append("the access log's writer over the whole run: %s%n".formatted(auditWriter));
            out.append("a masked answer: %s%n".formatted(sample));
            double ours = total("ours");
            out.append("goals: ≥ %,.0f lookups/s: %,.0f %s; p99 ≤ %.0f ms: %.1f ms %s; ≥ %.1f× the bare endpoint: %.2f× %s%n".formatted(
                    THROUGHPUT_GOAL, ours, ours >= THROUGHPUT_GOAL ? "met" : "NOT met", P99_GOAL_MS, worstP99("ours"),
                    worstP99("ours") <= P99_GOAL_MS ? "met" : "NOT met", RATIO_GOAL, ratio(), ratio() >= RATIO_GOAL ? "met" : "NOT met"));
            return out.toString();
        }
    }

    private ExchangeLookupBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println(run(Options.parse(args)).table());
    }

    public static Report run(Options options) throws Exception {
        Path work = Files.createTempDirectory("citydata-bench-exchange");
        try (var platform = BenchPlatform.start(true, "--citydata.bench.bare-lookup=true",
                "--citydata.admin.password=" + UUID.randomUUID(), "--server.tomcat.threads.max=64")) {
            return measure(platform, work, options);
        } finally {
            BenchPlatform.delete(work);
        }
    }

    private static Actor actor(BenchPlatform platform, String username) {
        var u = platform.bean(Users.class).find(username).orElseThrow();
        return new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(), u.roles());
    }

    private static Report measure(BenchPlatform platform, Path work, Options options) throws Exception {
        String loadBefore = BenchPlatform.loadAverage();
        var admin = actor(platform, "dsj_admin"); // the bureau's administrator in the demo city
        var provider = actor(platform, "rs_officer"); // 人社局 provides
        var consumer = actor(platform, "ga_officer"); // 公安局 asks
        var tokens = platform.bean(ApiTokens.class);

        // 人社局's resource: created and published over its own API token, loaded in-process
        String writer = tokens.issue(admin, new ApiTokens.TokenForm("bench-rs", "3205RS", Set.of(TokenScope.CATALOG_READ, TokenScope.CATALOG_WRITE), 1))
                .value().secret();
        var http = new DatasetLoadBench.HttpApi(platform.port, writer, "3205RS");
        String code = http.createResource("人口基础信息（共享交换基准）");
        http.publish(code);
        Path file = work.resolve("people.csv");
        log("writing %,d rows", options.rows());
        PeopleCsv.write(file, options.rows(), 20261121L);
        log("loading into %s", code);
        try (var in = Files.newInputStream(file)) {
            var loaded = platform.bean(FileIngest.class).load(provider, code, "people.csv", in, new FileIngest.Options(null, null));
            if (!loaded.succeeded() || loaded.value().rowsLoaded() != options.rows())
                throw new IllegalStateException("load failed: " + (loaded.succeeded() ? loaded.value() : loaded.problem()));
        }
        Files.delete(file);

        // 公安局 applies for four fields; 人社局 approves them masked, with limits far above what the run can reach
        var shares = platform.bean(ShareApplications.class);
        var applied = shares.apply(consumer, new ApplicationForm(code, List.of("id_number", "name", "birth_date", "mobile"),
                "基准测试：按公民身份号码核验人员信息", "《中华人民共和国居民身份证法》", LocalDate.now(), LocalDate.now().plusDays(30),
                1_000_000, "基准", "0512-00000000", null));
        if (!applied.succeeded()) throw new IllegalStateException("apply: " + applied.problem());
        var fields = new LinkedHashMap<String, String>();
        fields.put("id_number", "fpe");
        fields.put("name", "keep(1,0)");
        fields.put("birth_date", "year");
        fields.put("mobile", "keep(3,4)");
        var approved = shares.approve(provider, applied.value().id(),
                new Approval(fields, null, null, 1_000_000, 1_000_000_000L, null, null, null, null));
        if (!approved.succeeded()) throw new IllegalStateException("approve: " + approved.problem());
        String app = tokens.issue(admin, new ApiTokens.TokenForm("bench-ga", "3205GA", Set.of(TokenScope.EXCHANGE), 1)).value().secret();

        String table = DatasetLoadBench.versionTable(platform, admin, code);
        BareLookup.readFrom(table);
        List<String> keys;
        try (Connection jdbc = platform.jdbc(); var s = jdbc.createStatement();
             var rs = s.executeQuery("select id_number from dataset." + table + " order by random() limit 100000")) {
            var list = new ArrayList<String>();
            while (rs.next()) list.add(rs.getString(1));
            keys = List.copyOf(list);
        }

        var clientThreads = Executors.newFixedThreadPool(4, r -> {
            var t = new Thread(r, "bench-http");
            t.setDaemon(true); // the JVM ends when the benchmark does
            return t;
        });
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(clientThreads).build();
        String base = "http://localhost:" + platform.port + "/api/v1";
        var ours = new Endpoint("ours: exchange lookup (grant, 4 masked fields, durable record)",
                key -> HttpRequest.newBuilder(URI.create(base + "/exchange/resources/" + code + "/records/" + key))
                        .header("Authorization", "Bearer " + app).header("X-Citydata-Purpose", "bench-lookup")
                        .header("X-Citydata-User", "bench").GET().build());
        var anchor = new Endpoint("anchor: bare indexed lookup, same server and token",
                key -> HttpRequest.newBuilder(URI.create(base + "/bench/people/" + key)).header("Authorization", "Bearer " + app).GET().build());
        var sample = client.send(ours.request(keys.get(0)), HttpResponse.BodyHandlers.ofString());
        if (sample.statusCode() != 200) throw new IllegalStateException("the exchange lookup answered " + sample.statusCode() + ": " + sample.body());

        for (int i = 1; i <= options.jvmWarmups(); i++) {
            for (var endpoint : List.of(anchor, ours)) {
                log("warming up the JVM (%d of %d): %s — %d s", i, options.jvmWarmups(), endpoint.name(), options.warmupSeconds());
                drive(client, endpoint, keys, options.concurrency(), options.warmupSeconds(), endpoint.name(), 0);
            }
        }
        long recordsBefore = records(platform);
        var runs = new ArrayList<Run>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (var endpoint : round % 2 == 1 ? List.of(anchor, ours) : List.of(ours, anchor)) {
                log("round %d: %s — warm-up %d s", round, endpoint.name(), options.warmupSeconds());
                drive(client, endpoint, keys, options.concurrency(), options.warmupSeconds(), endpoint.name(), round);
                var run = drive(client, endpoint, keys, options.concurrency(), options.seconds(), endpoint.name(), round);
                log("round %d: %s: %,.0f lookups/s, p50 %.2f ms, p99 %.2f ms, %d failed; CPU per lookup %s", round, endpoint.name(),
                        run.perSecond(), run.p50Millis(), run.p99Millis(), run.failures(), run.cpu());
                runs.add(run);
            }
        }
        long written = records(platform) - recordsBefore;
        var meters = platform.bean(io.micrometer.core.instrument.MeterRegistry.class);
        var size = meters.get("citydata.audit.batch.records").summary();
        var time = meters.get("citydata.audit.batch.time").timer();
        String batches = "%,d batches, %.1f records a batch on average (at most %.0f), %.2f ms a batch on average (at most %.1f ms)".formatted(
                size.count(), size.mean(), size.max(), time.mean(TimeUnit.MILLISECONDS), time.max(TimeUnit.MILLISECONDS));
        return new Report(options, runs, written, batches, sample.body(), loadBefore, BenchPlatform.loadAverage());
    }

    private static long records(BenchPlatform platform) throws Exception {
        try (Connection jdbc = platform.jdbc(); var s = jdbc.createStatement();
             var rs = s.executeQuery("select count(*) from audit_record where channel = 'EXCHANGE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Endpoint(String name, java.util.function.Function<String, HttpRequest> request) {
        HttpRequest request(String key) {
            return request.apply(key);
        }
    }

    /** {@code concurrency} clients, each sending its next lookup when the last is answered, for {@code seconds}. */
    private static Run drive(HttpClient client, Endpoint endpoint, List<String> keys, int concurrency, int seconds, String name, int round)
            throws InterruptedException {
        var failures = new AtomicLong();
        var latencies = new long[concurrency][];
        var counts = new int[concurrency];
        var done = new CountDownLatch(concurrency);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        var cpuBefore = CpuAccount.now();
        var pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int t = 0; t < concurrency; t++) {
                int thread = t;
                pool.execute(() -> {
                    var random = new SplittableRandom(thread * 7919L + round);
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    try {
                        while (System.nanoTime() < deadline) {
                            var request = endpoint.request(keys.get(random.nextInt(keys.size())));
                            long sent = System.nanoTime();
                            try {
                                var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                if (response.statusCode() != 200) failures.incrementAndGet();
                            } catch (Exception e) {
                                failures.incrementAndGet();
                            }
                            if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                            mine[n++] = System.nanoTime() - sent;
                        }
                    } finally {
                        latencies[thread] = mine;
                        counts[thread] = n;
                        done.countDown();
                    }
                });
            }
            done.await();
        } finally {
            pool.shutdown();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        String cpu = CpuAccount.now().perRequest(cpuBefore, total);
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Run(name, round, total, failures.get(), elapsed, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, cpu);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
