package org.citydata.platform.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One value that many requests read and that is costly to read (every published opening, say), remembered for a moment
 * as {@link RecentReads} remembers rows: a write on this node calls {@link #forget} inside its transaction, and the next
 * reader reads afresh; a write elsewhere is seen once the value lapses, after {@code ttl}. When it lapses, one reader
 * reads it again while the others go on with the lapsed value for that moment, rather than all reading it at once.
 * After a forget nobody is given the old value: they wait for the one read.
 */
public final class RecentValue<V> {

    private record Held<V>(V value, long readAt) {}

    private volatile Held<V> held;
    /** Bumped by every forget: a read that a forget overtook is not remembered. */
    private final AtomicLong generation = new AtomicLong();
    private final ReentrantLock reading = new ReentrantLock();
    private final long ttlNanos;
    private final Supplier<V> read;

    public RecentValue(Duration ttl, Supplier<V> read) {
        this.ttlNanos = ttl.toNanos();
        this.read = read;
    }

    public V get() {
        var h = held;
        if (h != null && System.nanoTime() - h.readAt() < ttlNanos) return h.value();
        if (h != null && !reading.tryLock()) return h.value(); // lapsed, and another reader is reading it again
        if (h == null) reading.lock();
        try {
            var again = held; // read by the one that held the lock before
            if (again != null && System.nanoTime() - again.readAt() < ttlNanos) return again.value();
            long before = generation.get();
            long now = System.nanoTime();
            V value = read.get();
            if (ttlNanos > 0 && generation.get() == before) held = new Held<>(value, now);
            return value;
        } finally {
            reading.unlock();
        }
    }

    /** Forgets the value now and, inside a transaction, again when it ends. */
    public void forget() {
        RecentReads.nowAndAtTheEnd(() -> {
            generation.incrementAndGet();
            held = null;
        });
    }
}
