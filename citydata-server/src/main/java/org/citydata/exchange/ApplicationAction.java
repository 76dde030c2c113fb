package org.citydata.exchange;

import static org.citydata.exchange.ShareApplication.Status.APPROVED;
import static org.citydata.exchange.ShareApplication.Status.ESCALATED;
import static org.citydata.exchange.ShareApplication.Status.REFUSED;
import static org.citydata.exchange.ShareApplication.Status.SUBMITTED;
import static org.citydata.exchange.ShareApplication.Status.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;
import org.citydata.exchange.ShareApplication.Status;

/**
 * The transition table of a share application: each move, the states it may start from, the state it leads to, and
 * whose move it is. Nothing else changes an application's status.
 *
 * <pre>
 * action          from                  to          by
 * SUBMIT          —                     SUBMITTED   requester (an officer of the asking department)
 * APPROVE         SUBMITTED             APPROVED    provider (an officer of the providing department); makes the grant
 * REFUSE          SUBMITTED             REFUSED     provider; reason required
 * WITHDRAW        SUBMITTED, ESCALATED  WITHDRAWN   requester, while no answer is given
 * ESCALATE        SUBMITTED             ESCALATED   platform, once the due date has passed
 * DECIDE_APPROVE  ESCALATED             APPROVED    bureau, on the provider's behalf; makes the grant
 * DECIDE_REFUSE   ESCALATED             REFUSED     bureau, on the provider's behalf; reason required
 * RETURN          ESCALATED             SUBMITTED   bureau, back to the provider with a note and a fresh due date
 * AUTO_APPROVE    SUBMITTED             APPROVED    platform, at once, for an unconditionally shared resource
 * </pre>
 */
public enum ApplicationAction {
    SUBMIT(Party.REQUESTER, SUBMITTED),
    APPROVE(Party.PROVIDER, APPROVED, SUBMITTED),
    REFUSE(Party.PROVIDER, REFUSED, SUBMITTED),
    WITHDRAW(Party.REQUESTER, WITHDRAWN, SUBMITTED, ESCALATED),
    ESCALATE(Party.PLATFORM, ESCALATED, SUBMITTED),
    DECIDE_APPROVE(Party.BUREAU, APPROVED, ESCALATED),
    DECIDE_REFUSE(Party.BUREAU, REFUSED, ESCALATED),
    RETURN(Party.BUREAU, SUBMITTED, ESCALATED),
    AUTO_APPROVE(Party.PLATFORM, APPROVED, SUBMITTED);

    /** Who makes a move: the two departments' officers, the bureau, or the platform itself. */
    public enum Party { REQUESTER, PROVIDER, BUREAU, PLATFORM }

    private final Party party;
    private final Status to;
    private final Set<Status> from;

    ApplicationAction(Party party, Status to, Status... from) {
        this.party = party;
        this.to = to;
        this.from = from.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(from[0], from));
    }

    public Party party() {
        return party;
    }

    public Status to() {
        return to;
    }

    /** The states the move may start from; empty for SUBMIT, which starts an application. */
    public Set<Status> from() {
        return from;
    }

    public boolean allowedFrom(Status status) {
        return from.contains(status);
    }
}
