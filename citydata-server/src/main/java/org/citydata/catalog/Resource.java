package org.citydata.catalog;

import java.time.OffsetDateTime;

/** 信息资源: a catalog entry as stored, with its code, life-cycle status and metadata version. */
public record Resource(
        long id,
        String code,
        long providerId,
        ResourceStatus status,
        int version,
        ResourceDraft metadata,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
