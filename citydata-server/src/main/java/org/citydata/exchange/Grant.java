package org.citydata.exchange;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.citydata.kernel.privacy.Masking;

/**
 * 授权: the approved right of a consumer department to read a provider's resource: which fields and how each is
 * masked, for which purpose, from when until when, at what rate (requests a minute) and quota (rows a day), and which
 * of the consumer's applications (API tokens) may use it; all of them when {@code applicationIds} is empty.
 * {@code applicationId} names the share application it came from; an unconditional resource's instant grant has one
 * too, an application the platform approved at once. {@code statusReason} is the reason given with the last change of
 * status (suspend, resume, revoke); null while nothing changed and after expiry.
 */
public record Grant(
        long id,
        Long applicationId,
        long resourceId,
        String resourceCode,
        String resourceName,
        long providerId,
        long consumerId,
        Map<String, Masking> fields,
        String purpose,
        LocalDate validFrom,
        LocalDate validUntil,
        int ratePerMinute,
        long dailyRowQuota,
        Set<Long> applicationIds,
        GrantStatus status,
        OffsetDateTime createdAt,
        String statusReason) {

    public enum GrantStatus { ACTIVE, SUSPENDED, REVOKED, EXPIRED }
}
