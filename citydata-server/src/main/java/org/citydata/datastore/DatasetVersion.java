package org.citydata.datastore;

import java.time.OffsetDateTime;

/** One version of a resource's data, with its row count and what changed from the version before (by key). */
public record DatasetVersion(long id, long resourceId, int version, String tableName, String status, Long rowCount,
                             Long added, Long changed, Long removed, OffsetDateTime createdAt, OffsetDateTime committedAt,
                             LoadMode loadMode) {}
