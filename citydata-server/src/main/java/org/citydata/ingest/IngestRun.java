package org.citydata.ingest;

import java.time.OffsetDateTime;
import java.util.List;

/** One load of a resource's data: what was read, loaded and rejected, and how it ended. */
public record IngestRun(long id, long resourceId, String source, String startedBy, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String status, String encoding, String delimiter, long rowsRead,
                        long rowsLoaded, long rowsRejected, long bytesRead, Integer version, String errorCode,
                        List<String> errorArgs, Long bytesTotal, Long sourceId, String loadMode, List<String> columns) {

    /** Rows read per second, so far or over the whole run. */
    public long rowsPerSecond() {
        var end = finishedAt != null ? finishedAt : OffsetDateTime.now();
        long millis = Math.max(1, java.time.Duration.between(startedAt, end).toMillis());
        return rowsRead * 1000 / millis;
    }

    /** How far the run has read, 0–100, when the size is known. */
    public Integer percent() {
        if (bytesTotal == null || bytesTotal <= 0) return null;
        return "RUNNING".equals(status) ? (int) Math.min(99, bytesRead * 100 / bytesTotal) : 100;
    }
}
