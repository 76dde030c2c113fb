package org.citydata.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows the request path reads on every request (a token, a resource, a grant, the current version of a dataset),
 * remembered for a moment. A write on this node makes its readers here read the database again at once: the writer
 * calls {@link #forget} inside its transaction, which forgets now and again when the transaction ends, so a reader
 * that read the old row before the commit does not keep it. A write made elsewhere (another platform node, SQL by
 * hand) is seen once the entry lapses, after {@code ttl}.
 */
public final class RecentReads<K, V> {

    private record Entry<V>(V value, long readAt) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by every forget: a database read that a forget overtook is not remembered. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    public RecentReads(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The remembered value, or what {@code read} finds. Nothing found is not remembered: made-up keys (a guessed
     * token, a mistyped code) must not fill the memory, and a row created meanwhile is found on the next request.
     */
    public Optional<V> get(K key, Function<K, Optional<V>> read) {
        var entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.readAt() < ttlNanos) return Optional.of(entry.value());
        long before = generation.get();
        var value = read.apply(key);
        if (ttlNanos > 0 && value.isPresent() && generation.get() == before) entries.put(key, new Entry<>(value.get(), now));
        return value;
    }

    /** Forgets the key now and, inside a transaction, again when it ends. */
    public void forget(K key) {
        forgetting(() -> entries.remove(key));
    }

    /** Forgets the values that match, now and, inside a transaction, again when it ends. */
    public void forgetValues(Predicate<V> which) {
        forgetting(() -> entries.values().removeIf(e -> which.test(e.value())));
    }

    private void forgetting(Runnable remove) {
        nowAndAtTheEnd(() -> {
            generation.incrementAndGet();
            remove.run();
        });
    }

    /** Runs a forget now and, inside a transaction, again when it ends (a reader may have read the old row meanwhile). */
    static void nowAndAtTheEnd(Runnable forget) {
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive())
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
    }
}
