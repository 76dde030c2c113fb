package org.citydata.audit;

import java.time.Instant;

/** One verification of the whole log, started from the console or the API, run in the background. */
public record VerificationRun(long id, String startedBy, Instant startedAt, Instant finishedAt, State state, Long records,
                              Integer heads, Long work, long checked, Verdict verdict, String error) {

    public enum State { RUNNING, DONE, FAILED }

    /** How far it got, 0–100. */
    public int percent() {
        if (state != State.RUNNING) return 100;
        if (work == null || work == 0) return 0;
        return (int) Math.min(100, checked * 100 / work);
    }
}
