package org.citydata.opendata.web;

import java.util.Locale;
import java.util.Optional;
import org.citydata.kernel.Problem;
import org.citydata.opendata.internal.SubmissionThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many confirmation mails may go out in an hour, per client and per address, whether asked for on the portal or
 * through the API: registering someone else's address and asking for the mail again must not flood their inbox.
 */
@Component
class MailLimit {

    private final SubmissionThrottle throttle;

    MailLimit(@Value("${citydata.opendata.submissions-per-hour:10}") int perHour) {
        this.throttle = new SubmissionThrottle(perHour);
    }

    /** Counts one more mail from {@code client} to {@code email}; the refusal when either is over its hour. */
    Optional<Problem> refusal(String client, String email) {
        boolean admitted = throttle.admit("client:" + client)
                & (email == null || email.isBlank() || throttle.admit("to:" + email.strip().toLowerCase(Locale.ROOT)));
        return admitted ? Optional.empty()
                : Optional.of(Problem.of(Problem.Kind.TOO_MANY, "OPENDATA_TOO_MANY_SUBMISSIONS", throttle.perHour()));
    }
}
