package org.citydata.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM (platform and benchmark client alike) while one step runs: the highest heap in use, sampled
 * every 10 ms (garbage included, so it follows the collector's sizing more than the step), and the highest heap
 * still in use after a collection (the live set: what must fit, and what grows if a step holds rows in memory).
 */
final class HeapWatch implements AutoCloseable {

    /** Heap figures in bytes: before the step (after a collection), highest used, highest after a collection. */
    record Peak(long baseline, long used, long afterGc, int collections) {}

    private final AtomicLong used = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        baseline = memory.getHeapMemoryUsage().getUsed();
        afterGc.set(baseline);
        used.set(baseline);
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                long live = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() != MemoryType.HEAP) continue;
                    MemoryUsage after = info.getMemoryUsageAfterGc().get(pool.getName());
                    if (after != null) live += after.getUsed();
                }
                long l = live;
                afterGc.accumulateAndGet(l, Math::max);
                collections.incrementAndGet();
            };
            emitter.addNotificationListener(listener, null, null);
            removals.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (Exception ignored) {
                    // gone already
                }
            });
        }
        sampler = new Thread(() -> {
            while (running) {
                used.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage, notes the baseline, and starts watching. */
    static HeapWatch start() {
        return new HeapWatch();
    }

    Peak peak() {
        return new Peak(baseline, used.get(), afterGc.get(), (int) collections.get());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        removals.forEach(Runnable::run);
    }
}
