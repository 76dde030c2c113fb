package org.citydata.platform.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers computed from one state of their sources, kept while that state lasts: the same question asked again (a
 * popular public search) is answered from memory, and any change of the sources starts afresh, so no answer outlives
 * what it was computed from. The state is a source instance that is replaced when it changes (compared by identity)
 * and a number that grows with every change (a search index's generation).
 *
 * <p>At most {@code most} answers are kept; when that many are, they are dropped together and kept afresh: memory stays
 * bounded, and a stream of never-repeated questions costs nothing but their computing. {@code most} 0 keeps nothing.
 */
public final class KeptAnswers<K, V> {

    private record Kept<K, V>(Object source, long generation, ConcurrentHashMap<K, V> answers) {}

    private final int most;
    private volatile Kept<K, V> kept = new Kept<>(null, Long.MIN_VALUE, new ConcurrentHashMap<>());

    public KeptAnswers(int most) {
        this.most = most;
    }

    /**
     * The answer kept for the question in this state, or the one {@code compute} gives, kept for the next asker.
     * The caller reads the state before computing, and computes from that state or a later one: an answer is never
     * older than the state it is kept under.
     */
    public V get(Object source, long generation, K question, Function<K, V> compute) {
        var k = kept;
        if (k.source() != source || k.generation() != generation) {
            k = new Kept<>(source, generation, new ConcurrentHashMap<>());
            kept = k;
        }
        var answer = k.answers().get(question);
        if (answer != null) return answer;
        answer = compute.apply(question);
        if (most > 0) {
            if (k.answers().size() >= most) k.answers().clear();
            k.answers().put(question, answer);
        }
        return answer;
    }

    /** The same for answers whose sources never change (a committed version's rows): kept until {@code most} are. */
    public V get(K question, Function<K, V> compute) {
        return get(this, 0, question, compute);
    }
}
