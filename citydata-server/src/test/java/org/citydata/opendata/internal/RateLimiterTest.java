package org.citydata.opendata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.citydata.opendata.RateLimits;
import org.junit.jupiter.api.Test;

/** The token bucket per caller, on a clock the test moves: burst at once, then the per-minute rate, and no more. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aCallerMayBurstThenGetsTheRatePerMinuteAndIsToldWhenToComeBack() {
        var limit = new RateLimits.Limit(60, 5);
        for (int left = 4; left >= 0; left--) {
            var d = limiter.take("key#1", limit);
            assertThat(d.admitted()).isTrue();
            assertThat(d.remaining()).isEqualTo(left);
            assertThat(d.limit()).isEqualTo(60);
        }
        var refused = limiter.take("key#1", limit);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1); // 60 a minute: one a second
        pass(Duration.ofMillis(999));
        assertThat(limiter.take("key#1", limit).admitted()).isFalse();
        pass(Duration.ofMillis(1));
        assertThat(limiter.take("key#1", limit).admitted()).isTrue();
        assertThat(limiter.take("key#1", limit).admitted()).isFalse();
        // after a long pause no more than the burst is available
        pass(Duration.ofHours(1));
        int admitted = 0;
        while (limiter.take("key#1", limit).admitted()) admitted++;
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void callersHaveTheirOwnBucketsAndAChangedLimitStartsAFreshOne() {
        var tight = new RateLimits.Limit(1, 1);
        assertThat(limiter.take("address 10.0.0.1", tight).admitted()).isTrue();
        var refused = limiter.take("address 10.0.0.1", tight);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        assertThat(limiter.take("address 10.0.0.2", tight).admitted()).isTrue();
        assertThat(limiter.take("address 10.0.0.1", new RateLimits.Limit(600, 100)).admitted()).isTrue();
    }

    @Test
    void bucketsThatFilledUpAgainAreForgotten() {
        var limit = new RateLimits.Limit(60, 2);
        limiter.take("a", limit);
        limiter.take("b", limit);
        limiter.take("b", limit);
        assertThat(limiter.forgetIdle()).isEqualTo(2);
        pass(Duration.ofSeconds(1)); // a refilled, b half way
        assertThat(limiter.forgetIdle()).isEqualTo(1);
        pass(Duration.ofSeconds(1));
        assertThat(limiter.forgetIdle()).isZero();
    }
}
