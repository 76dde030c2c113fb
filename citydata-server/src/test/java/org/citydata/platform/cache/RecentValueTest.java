package org.citydata.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One costly value: kept for its time, dropped by a write, read again by one reader when it lapses. */
class RecentValueTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<String> stored = new AtomicReference<>("v1");

    @Test
    void theValueIsReadOnceWithinItsTimeAndAgainAfterAWriteForgetsIt() {
        var recent = new RecentValue<>(Duration.ofMinutes(1), this::read);
        assertThat(recent.get()).isEqualTo("v1");
        stored.set("v2");
        assertThat(recent.get()).isEqualTo("v1");
        assertThat(reads).hasValue(1);
        recent.forget();
        assertThat(recent.get()).isEqualTo("v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadThatAWriteOvertookIsNotRemembered() {
        var holder = new AtomicReference<RecentValue<String>>();
        var recent = new RecentValue<>(Duration.ofMinutes(1), () -> {
            if (reads.get() == 0) holder.get().forget(); // the write commits while the old value is being read
            return read();
        });
        holder.set(recent);
        assertThat(recent.get()).isEqualTo("v1");
        stored.set("v2");
        assertThat(recent.get()).isEqualTo("v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void whenTheValueLapsesOneReaderReadsItAgainWhileTheOthersGoOnWithTheLapsedOne() throws Exception {
        var reading = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var recent = new RecentValue<>(Duration.ofMillis(50), () -> {
            if (reads.get() == 1) { // the second read, after the lapse: held until the others have been answered
                reading.countDown();
                await(release);
            }
            return read();
        });
        assertThat(recent.get()).isEqualTo("v1");
        Thread.sleep(80);
        stored.set("v2");
        var pool = Executors.newSingleThreadExecutor();
        try {
            var slow = pool.submit(recent::get);
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(recent.get()).isEqualTo("v1"); // not blocked behind the one reading
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
            assertThat(recent.get()).isEqualTo("v2");
            assertThat(reads).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterAForgetNobodyIsGivenTheOldValue() throws Exception {
        var recent = new RecentValue<>(Duration.ofMinutes(1), this::read);
        recent.get();
        stored.set("v2");
        recent.forget();
        assertThat(recent.get()).isEqualTo("v2");
        var none = new RecentValue<>(Duration.ZERO, this::read);
        none.get();
        stored.set("v3");
        assertThat(none.get()).isEqualTo("v3");
    }

    private String read() {
        reads.incrementAndGet();
        return stored.get();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
