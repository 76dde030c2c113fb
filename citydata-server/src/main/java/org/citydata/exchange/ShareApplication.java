package org.citydata.exchange;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.citydata.catalog.ShareType;

/**
 * 共享申请: a department asks another for a resource: which fields, for what purpose (用途), on which legal basis (依据),
 * for which period, at what volume (calls a day), whom to contact, and optionally which of its applications (API tokens)
 * will use it. The provider answers by a due date counted in working days; {@code workingDaysLeft} and {@code overdue}
 * are worked out when the application is read, and only while the provider's answer is awaited. {@code answer} is the
 * reason of a refusal or the note of an approval; {@code grantId} the grant an approval made. {@code history} comes
 * with a single application, not with lists.
 */
public record ShareApplication(
        long id,
        long resourceId,
        String resourceCode,
        String resourceName,
        ShareType shareType,
        long providerId,
        String providerCode,
        long consumerId,
        String consumerCode,
        List<String> fields,
        String purpose,
        String legalBasis,
        LocalDate periodFrom,
        LocalDate periodTo,
        int dailyCalls,
        String contactName,
        String contactPhone,
        Set<Long> applicationIds,
        Status status,
        String submittedBy,
        OffsetDateTime submittedAt,
        LocalDate dueDate,
        Integer workingDaysLeft,
        boolean overdue,
        String answer,
        Long grantId,
        List<ApplicationEvent> history) {

    /**
     * SUBMITTED waits for the provider; ESCALATED waits for the bureau (the provider let the due date pass); the other
     * three are final. The moves between them are {@link ApplicationAction}.
     */
    public enum Status {
        SUBMITTED, ESCALATED, APPROVED, REFUSED, WITHDRAWN;

        public boolean isOpen() {
            return this == SUBMITTED || this == ESCALATED;
        }
    }

    ShareApplication withHistory(List<ApplicationEvent> events) {
        return new ShareApplication(id, resourceId, resourceCode, resourceName, shareType, providerId, providerCode,
                consumerId, consumerCode, fields, purpose, legalBasis, periodFrom, periodTo, dailyCalls, contactName,
                contactPhone, applicationIds, status, submittedBy, submittedAt, dueDate, workingDaysLeft, overdue, answer,
                grantId, List.copyOf(events));
    }
}
