package org.citydata.ingest;

import java.time.OffsetDateTime;
import java.util.Map;
import org.citydata.datastore.LoadMode;

/**
 * Where a resource's rows come from and how they are loaded. The secret (a password or token) is never shown back:
 * {@code secretSet} only says one is stored. {@code mapping} maps source columns to catalog fields ("" ignores one).
 */
public record Source(long id, long resourceId, SourceKind kind, String name, LoadMode mode, Map<String, String> mapping,
                     JdbcSettings jdbc, HttpSettings http, boolean secretSet, boolean scheduled, String cron,
                     String effectiveCron, OffsetDateTime nextRunAt, String watermark, String createdBy,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
