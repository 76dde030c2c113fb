package org.citydata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a run's CPU went, from two snapshots: the platform's request threads ({@code http-nio-…}), the access log's
 * writer, the rest of this JVM (the benchmark's HTTP client, JIT, GC) and every PostgreSQL process. On a machine the
 * run saturates, CPU time per request is the steadier measure of cost than requests per second, which follow whatever
 * else the machine does. PostgreSQL's share is read from {@code /proc} (Linux); elsewhere it is reported as 0.
 */
record CpuAccount(long requestThreads, long writer, long jvm, long postgres) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on Linux unless the kernel was built otherwise. */
    private static final long TICKS_PER_SECOND = 100;

    static CpuAccount now() {
        var threads = ManagementFactory.getThreadMXBean();
        long request = 0;
        long writer = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            if (info.getThreadName().startsWith("http-nio-") && info.getThreadName().contains("-exec-")) request += cpu;
            else if (info.getThreadName().equals("audit-log-writer")) writer += cpu;
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new CpuAccount(request, writer, jvm, postgresNanos());
    }

    /** The CPU spent since {@code before}, in milliseconds per request. */
    String perRequest(CpuAccount before, long requests) {
        double n = Math.max(1, requests);
        double request = (requestThreads - before.requestThreads) / 1e6 / n;
        double log = (writer - before.writer) / 1e6 / n;
        double rest = (jvm - before.jvm) / 1e6 / n - request - log;
        double pg = (postgres - before.postgres) / 1e6 / n;
        return "%.2f ms (request threads %.2f, log writer %.2f, rest of the JVM incl. the client %.2f, PostgreSQL %.2f)"
                .formatted(request + log + rest + pg, request, log, rest, pg);
    }

    private static long postgresNanos() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(CpuAccount::postgresTicks).sum() * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of a PostgreSQL process, 0 for any other or one that has gone, plus cutime + cstime: the time of its
     * children that ended, which for the postmaster are the parallel workers of a parallel plan (they exit when their
     * query ends, so their own entries are gone by the time a measurement ends).
     */
    private static long postgresTicks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) return 0;
            String[] f = stat.substring(close + 2).split(" ");
            // after "pid (comm) ": state is field 3 of stat(5), utime 14, stime 15, cutime 16 and cstime 17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
