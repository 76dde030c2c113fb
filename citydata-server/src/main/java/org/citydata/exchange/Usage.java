package org.citydata.exchange;

import java.time.LocalDate;

/** A grant's use on one day: requests admitted and rows returned, against its daily row quota. */
public record Usage(long grantId, LocalDate day, long requests, long rows, long quota) {

    public long remaining() {
        return Math.max(quota - rows, 0);
    }
}
