package org.citydata.opendata.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many public submissions (data requests, reuses) one client made in the last hour, so an anonymous form cannot be
 * used to flood the departments. In memory, per node: a restart or a second node forgets, which only lets a few more
 * through.
 */
public final class SubmissionThrottle {

    private final int perHour;
    private final Map<String, ArrayDeque<Instant>> recent = new ConcurrentHashMap<>();

    public SubmissionThrottle(int perHour) {
        this.perHour = perHour;
    }

    /** Counts a submission by {@code client} and says whether it is within the limit. */
    public boolean admit(String client) {
        var now = Instant.now();
        var times = recent.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) times.pollFirst();
            if (times.size() >= perHour) return false;
            times.addLast(now);
            return true;
        }
    }

    public int perHour() {
        return perHour;
    }
}
