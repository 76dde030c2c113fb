package org.citydata.opendata;

import jakarta.annotation.PreDestroy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Usage of open datasets: page views, downloads and API calls, counted in memory on the request path and added to
 * {@code opendata_usage} every few seconds (and at shutdown), so a read costs no write. Totals include what is
 * still in memory. A crash loses at most the last few seconds of counts: these are statistics, not records — the
 * access log holds every read.
 */
@Component
public class Usage {

    public enum Kind { VIEW, DOWNLOAD, API_CALL }

    /** Counts of one dataset, or of all. */
    public record Counts(long views, long downloads, long apiCalls) {
        public long total() {
            return views + downloads + apiCalls;
        }
    }

    private record Key(String code, LocalDate day, Kind kind) {}

    private final JdbcClient db;
    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

    Usage(JdbcClient db) {
        this.db = db;
    }

    public void count(String resourceCode, Kind kind) {
        pending.computeIfAbsent(new Key(resourceCode, LocalDate.now(), kind), k -> new LongAdder()).increment();
    }

    /**
     * Adds what was counted since the last flush to the table, then takes exactly that much off the counters: a count
     * made meanwhile waits for the next flush. Readers share the lock, so they never see a count in both or neither.
     */
    @Scheduled(fixedDelayString = "${citydata.opendata.usage-flush:PT5S}")
    @PreDestroy
    public synchronized void flush() {
        var taken = new HashMap<Key, Long>();
        pending.forEach((key, n) -> {
            long sum = n.sum();
            if (sum > 0) taken.put(key, sum);
        });
        if (taken.isEmpty()) return;
        var rows = new HashMap<List<Object>, long[]>();
        taken.forEach((key, n) -> rows.computeIfAbsent(List.of(key.code(), key.day()), k -> new long[3])[key.kind().ordinal()] += n);
        rows.forEach((k, n) -> db.sql("""
                        insert into opendata_usage (resource_code, day, views, downloads, api_calls) values (?, ?, ?, ?, ?)
                        on conflict (resource_code, day) do update set views = opendata_usage.views + excluded.views,
                            downloads = opendata_usage.downloads + excluded.downloads, api_calls = opendata_usage.api_calls + excluded.api_calls""")
                .params(k.get(0), k.get(1), n[0], n[1], n[2]).update());
        taken.forEach((key, n) -> pending.get(key).add(-n));
        var today = LocalDate.now();
        pending.entrySet().removeIf(e -> e.getKey().day().isBefore(today) && e.getValue().sum() == 0);
    }

    /** All datasets' usage since the start. */
    public synchronized Counts total() {
        var stored = db.sql("select coalesce(sum(views), 0), coalesce(sum(downloads), 0), coalesce(sum(api_calls), 0) from opendata_usage")
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        pending.forEach((key, n) -> stored[key.kind().ordinal()] += n.sum());
        return new Counts(stored[0], stored[1], stored[2]);
    }

    /** Each dataset's usage since the start, by resource code. */
    public synchronized Map<String, Counts> byDataset() {
        var totals = new HashMap<String, long[]>();
        db.sql("select resource_code, sum(views), sum(downloads), sum(api_calls) from opendata_usage group by resource_code")
                .query(rs -> {
                    totals.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        pending.forEach((key, n) -> totals.computeIfAbsent(key.code(), c -> new long[3])[key.kind().ordinal()] += n.sum());
        var out = new HashMap<String, Counts>();
        totals.forEach((code, n) -> out.put(code, new Counts(n[0], n[1], n[2])));
        return out;
    }

    /** The codes among {@code codes} used most, most first. */
    public List<String> mostUsed(List<String> codes, int limit) {
        var usage = byDataset();
        var sorted = new ArrayList<>(codes);
        sorted.sort((a, b) -> Long.compare(usage.getOrDefault(b, new Counts(0, 0, 0)).total(), usage.getOrDefault(a, new Counts(0, 0, 0)).total()));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }
}
