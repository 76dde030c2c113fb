package org.citydata.opendata;

import java.time.OffsetDateTime;

/** A developer's API key as listed: never its secret, which is shown once at creation and stored only as a hash. */
public record ApiKey(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                     OffsetDateTime revokedAt) {}
