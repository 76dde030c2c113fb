package org.citydata.opendata;

import java.time.OffsetDateTime;

/**
 * 开发者: a citizen or company that registered to call the open API with keys. Never carries the password hash.
 * {@code tier} names the rate limit its keys get ({@link RateLimits}); the bureau sets it and may disable the account.
 */
public record Developer(long id, String email, String displayName, String organisation, String tier, boolean enabled,
                        OffsetDateTime confirmedAt, OffsetDateTime createdAt) {

    /** The e-mail address was confirmed with the link mailed at registration. */
    public boolean confirmed() {
        return confirmedAt != null;
    }
}
