package org.citydata.exchange;

import java.time.OffsetDateTime;
import org.citydata.exchange.Grant.GrantStatus;

/**
 * One step of a grant's life: made by an approval, suspended, resumed, revoked (each with the person's reason), or
 * expired by the platform when its validity ended.
 */
public record GrantEvent(long id, long grantId, Action action, GrantStatus from, GrantStatus to, String actor,
                         OffsetDateTime at, String reason) {

    /**
     * <pre>
     * action   from               to         by
     * CREATE   —                  ACTIVE     the approver (provider or bureau) or the platform
     * SUSPEND  ACTIVE             SUSPENDED  provider officer or bureau; reason required
     * RESUME   SUSPENDED          ACTIVE     provider officer or bureau; reason required
     * REVOKE   ACTIVE, SUSPENDED  REVOKED    provider officer or bureau; reason required; final
     * EXPIRE   ACTIVE, SUSPENDED  EXPIRED    platform, the day after validUntil; final
     * </pre>
     */
    public enum Action {
        CREATE(GrantStatus.ACTIVE),
        SUSPEND(GrantStatus.SUSPENDED, GrantStatus.ACTIVE),
        RESUME(GrantStatus.ACTIVE, GrantStatus.SUSPENDED),
        REVOKE(GrantStatus.REVOKED, GrantStatus.ACTIVE, GrantStatus.SUSPENDED),
        EXPIRE(GrantStatus.EXPIRED, GrantStatus.ACTIVE, GrantStatus.SUSPENDED);

        private final GrantStatus to;
        private final java.util.Set<GrantStatus> from;

        Action(GrantStatus to, GrantStatus... from) {
            this.to = to;
            this.from = java.util.Set.of(from);
        }

        public GrantStatus to() {
            return to;
        }

        public boolean allowedFrom(GrantStatus status) {
            return from.contains(status);
        }
    }
}
