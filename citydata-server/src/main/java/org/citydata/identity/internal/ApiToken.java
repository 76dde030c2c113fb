package org.citydata.identity.internal;

import java.time.OffsetDateTime;
import java.util.Set;

/** An API token as listed: never its secret, which is shown once when issued and stored only as a hash. */
public record ApiToken(
        long id,
        String name,
        String prefix,
        long departmentId,
        Set<TokenScope> scopes,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt) {

    public String state(OffsetDateTime now) {
        if (revokedAt != null) return "REVOKED";
        return expiresAt.isBefore(now) ? "EXPIRED" : "ACTIVE";
    }
}
