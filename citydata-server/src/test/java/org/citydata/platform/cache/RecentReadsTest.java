package org.citydata.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads remembered for a moment: kept for their time, dropped by a write, never kept when a write overtook them. */
class RecentReadsTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> read(String value) {
        reads.incrementAndGet();
        return Optional.ofNullable(value);
    }

    @Test
    void aValueIsReadOnceWithinItsTimeAndAgainAfterAWriteForgetsIt() {
        var recent = new RecentReads<Long, String>(Duration.ofMinutes(1));
        assertThat(recent.get(7L, k -> read("v1"))).contains("v1");
        assertThat(recent.get(7L, k -> read("v2"))).contains("v1");
        assertThat(reads).hasValue(1);
        recent.forget(7L);
        assertThat(recent.get(7L, k -> read("v2"))).contains("v2");
        assertThat(reads).hasValue(2);
        recent.forgetValues(v -> v.equals("v2"));
        assertThat(recent.get(7L, k -> read("v3"))).contains("v3");
    }

    @Test
    void aReadThatAWriteOvertookIsNotRemembered() {
        var recent = new RecentReads<Long, String>(Duration.ofMinutes(1));
        // the write commits while the old row is being read
        assertThat(recent.get(7L, k -> { recent.forget(7L); return read("old"); })).contains("old");
        assertThat(recent.get(7L, k -> read("new"))).contains("new");
    }

    @Test
    void nothingFoundIsNotRememberedSoARowCreatedMeanwhileIsFound() {
        var recent = new RecentReads<String, String>(Duration.ofMinutes(1));
        assertThat(recent.get("cdt_guess", k -> read(null))).isEmpty();
        assertThat(recent.get("cdt_guess", k -> read("created"))).contains("created");
        assertThat(reads).hasValue(2);
    }

    @Test
    void entriesLapse() throws InterruptedException {
        var recent = new RecentReads<Long, String>(Duration.ofMillis(50));
        recent.get(7L, k -> read("v1"));
        Thread.sleep(80);
        assertThat(recent.get(7L, k -> read("v2"))).contains("v2");
        var none = new RecentReads<Long, String>(Duration.ZERO);
        none.get(7L, k -> read("v1"));
        assertThat(none.get(7L, k -> read("v2"))).contains("v2");
    }
}
