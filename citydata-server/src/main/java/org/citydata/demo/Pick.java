package org.citydata.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/** Choosing from lists with a seeded generator, so the same seed always makes the same demo. */
final class Pick {

    private Pick() {}

    static <T> T one(RandomGenerator random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    static <T> T one(RandomGenerator random, T... items) {
        return items[random.nextInt(items.length)];
    }

    /** An index, each with the chance its weight gives it. */
    static int weighted(RandomGenerator random, int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        throw new IllegalStateException("unreachable");
    }

    static <T> T weighted(RandomGenerator random, T[] items, int[] weights) {
        return items[weighted(random, weights)];
    }

    /** True with the given chance. */
    static boolean chance(RandomGenerator random, double p) {
        return random.nextDouble() < p;
    }

    /** An integer from {@code from} to {@code to}, both included. */
    static int between(RandomGenerator random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }
}
