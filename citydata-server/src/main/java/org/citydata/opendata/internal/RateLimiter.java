package org.citydata.opendata.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.citydata.opendata.RateLimits;

/**
 * Token buckets (Bucket4j), one per counted caller — a developer key, or an anonymous client address — each holding
 * its tier's {@code burst} and refilled at its {@code requestsPerMinute}.
 *
 * <p>The buckets live in this node's memory: with several platform nodes behind a balancer, each node counts the
 * requests it serves, so a caller spread over n nodes gets up to n times its allowance. A bucket that has refilled
 * completely is worth nothing and is dropped by {@link #forgetIdle()}, so memory follows the callers of the last
 * minutes, not every address ever seen.
 */
public final class RateLimiter {

    /** The answer to one request: admitted or not, the tier's limit, what is left, and when to come back if refused. */
    public record Decision(boolean admitted, long limit, long remaining, long retryAfterSeconds) {}

    private record Held(Bucket bucket, RateLimits.Limit limit) {}

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public RateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** With another clock, for tests that must not wait for a minute to pass. */
    public RateLimiter(TimeMeter time) {
        this.time = time;
    }

    /**
     * Takes one request from {@code caller}'s bucket under {@code limit}. A caller whose limit changed (the bureau set
     * another tier) starts a new bucket under the new limit.
     */
    public Decision take(String caller, RateLimits.Limit limit) {
        var held = buckets.compute(caller, (k, h) -> h != null && h.limit().equals(limit) ? h : new Held(bucket(limit), limit));
        var probe = held.bucket().tryConsumeAndReturnRemaining(1);
        long retry = probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(probe.isConsumed(), limit.requestsPerMinute(), probe.getRemainingTokens(), retry);
    }

    /** Drops the buckets that are full again: a new one would be the same. Returns how many are left. */
    public int forgetIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().limit().burst());
        return buckets.size();
    }

    private Bucket bucket(RateLimits.Limit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.burst()).refillGreedy(limit.requestsPerMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
