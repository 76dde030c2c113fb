package org.citydata.quality.internal;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citydata.quality.CrossCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Re-runs cross-checks whose data changed. The datastore announces no commits, so this asks every
 * {@code citydata.quality.cross-check.recheck-every} instead; {@code citydata.quality.cross-check.recheck-enabled:
 * false} turns it off. Its own thread rather than {@code @EnableScheduling}: a scheduler bean would be a second
 * {@code TaskExecutor} beside the one the ingest module takes.
 */
@Component
@ConditionalOnWebApplication // not in the reindex command, which starts, rebuilds and exits
@ConditionalOnProperty(name = "citydata.quality.cross-check.recheck-enabled", matchIfMissing = true)
class CrossCheckSchedule {

    private static final Logger log = LoggerFactory.getLogger(CrossCheckSchedule.class);

    private final CrossCheck crossCheck;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "cross-check-recheck");
        thread.setDaemon(true);
        return thread;
    });

    CrossCheckSchedule(CrossCheck crossCheck, @Value("${citydata.quality.cross-check.recheck-every:PT10M}") Duration every) {
        this.crossCheck = crossCheck;
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer.scheduleWithFixedDelay(this::recheck, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void recheck() {
        try {
            int runs = crossCheck.recheckChanged();
            if (runs > 0) log.info("cross-checks re-run after their data changed: {}", runs);
        } catch (RuntimeException e) {
            // a failed round must not end the schedule: the next one tries again
            log.warn("cross-check recheck failed", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
