package org.citydata.exchange.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.citydata.exchange.Grant;
import org.citydata.exchange.Usage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A grant's rate limit (requests a minute, as a token bucket that refills continuously, so a client may burst up to a
 * minute's allowance) and daily row quota. Counting happens in memory, because a counter row updated by every request
 * would serialise all callers of a grant on its lock; the day's counts are written to {@code exchange_usage} every
 * few seconds and read back on first use, so a restart does not reset a quota (at most the last seconds' use is lost).
 */
@Component
public class Throttle {

    private record Day(long grantId, LocalDate day) {}

    private static final class Counter {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong rows = new AtomicLong();
        final AtomicBoolean dirty = new AtomicBoolean();
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final JdbcClient db;
    private final Clock clock;
    private final Map<Day, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    Throttle(JdbcClient db) {
        this.db = db;
        this.clock = Clock.systemDefaultZone();
    }

    /** Takes one request from the grant's bucket; false when the minute's allowance is used up. */
    public boolean tryRequest(Grant grant) {
        var bucket = buckets.computeIfAbsent(grant.id(), id -> {
            var b = new Bucket();
            b.tokens = grant.ratePerMinute();
            b.refilledAt = System.nanoTime();
            return b;
        });
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket.tokens = Math.min(grant.ratePerMinute(), bucket.tokens + (now - bucket.refilledAt) * grant.ratePerMinute() / 60e9);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) return false;
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Seconds until the bucket holds a request again. */
    public long retryAfterSeconds(Grant grant) {
        return Math.max(1, (long) Math.ceil(60.0 / Math.max(grant.ratePerMinute(), 1)));
    }

    public Usage usage(Grant grant) {
        var day = LocalDate.now(clock);
        var counter = counter(grant.id(), day);
        return new Usage(grant.id(), day, counter.requests.get(), counter.rows.get(), grant.dailyRowQuota());
    }

    /** Counts an admitted request and the rows it returned. */
    public void count(Grant grant, long rows) {
        var counter = counter(grant.id(), LocalDate.now(clock));
        counter.requests.incrementAndGet();
        counter.rows.addAndGet(rows);
        counter.dirty.set(true);
    }

    private Counter counter(long grantId, LocalDate day) {
        return counters.computeIfAbsent(new Day(grantId, day), d -> {
            var c = new Counter();
            db.sql("select requests, rows from exchange_usage where grant_id = ? and day = ?").params(grantId, day)
                    .query((rs, n) -> {
                        c.requests.set(rs.getLong(1));
                        c.rows.set(rs.getLong(2));
                        return null;
                    }).list();
            return c;
        });
    }

    @Scheduled(fixedDelayString = "${citydata.exchange.usage-flush:PT5S}")
    @PreDestroy
    public void flush() {
        var today = LocalDate.now(clock);
        counters.forEach((day, counter) -> {
            if (counter.dirty.getAndSet(false))
                db.sql("""
                        insert into exchange_usage (grant_id, day, requests, rows) values (?, ?, ?, ?)
                        on conflict (grant_id, day) do update set requests = excluded.requests, rows = excluded.rows""")
                        .params(day.grantId(), day.day(), counter.requests.get(), counter.rows.get()).update();
            if (day.day().isBefore(today) && !counter.dirty.get()) counters.remove(day);
        });
    }
}
