package org.citydata.quality.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.citydata.datastore.DatasetVersionCommitted;
import org.citydata.quality.CrossCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Re-runs the cross-checks whose data changed, in the background, after each new data version commits. Rounds never
 * overlap: a version committed during a round asks for one more round after it.
 */
@Component
class RecheckOnNewData {

    private static final Logger log = LoggerFactory.getLogger(RecheckOnNewData.class);

    private final CrossCheck crossCheck;
    private final TaskExecutor background;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    RecheckOnNewData(CrossCheck crossCheck, @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.crossCheck = crossCheck;
        this.background = background;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DatasetVersionCommitted committed) {
        again.set(true);
        if (running.compareAndSet(false, true)) background.execute(this::rounds);
    }

    private void rounds() {
        try {
            while (again.getAndSet(false)) {
                try {
                    int runs = crossCheck.recheckChanged();
                    if (runs > 0) log.info("cross-checks re-run after their data changed: {}", runs);
                } catch (RuntimeException e) {
                    log.warn("cross-check recheck failed", e); // the next new version tries again
                }
            }
        } finally {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) background.execute(this::rounds);
        }
    }
}
