package org.citydata.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The platform's round of the exchange's deadlines: applications past their due date go to the bureau, grants past
 * their validity expire. Reads do the same for what they touch; this catches what nobody reads.
 */
@Component
class OverdueCheck {

    private static final Logger log = LoggerFactory.getLogger(OverdueCheck.class);

    private final ShareApplications applications;
    private final Grants grants;

    OverdueCheck(ShareApplications applications, Grants grants) {
        this.applications = applications;
        this.grants = grants;
    }

    @Scheduled(fixedDelayString = "${citydata.exchange.overdue-check:PT10M}",
               initialDelayString = "${citydata.exchange.overdue-check:PT10M}")
    void run() {
        int escalated = applications.escalateOverdue();
        int expired = grants.expireLapsed();
        if (escalated + expired > 0) log.info("exchange deadlines: {} application(s) escalated, {} grant(s) expired", escalated, expired);
    }
}
