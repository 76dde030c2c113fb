package org.citydata.ingest;

import java.time.OffsetDateTime;
import java.util.List;

/** One load of a resource's data: what was read, loaded and rejected, and how it ended. */
public record IngestRun(long id, long resourceId, String source, String startedBy, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String status, String encoding, String delimiter, long rowsRead,
                        long rowsLoaded, long rowsRejected, long bytesRead, Integer version, String errorCode,
                        List<String> errorArgs) {}
