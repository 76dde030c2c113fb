package org.citydata.opendata;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.OpenType;

/**
 * 数据开放申请 and, once approved, the decision that makes a resource public: which fields (in catalog order) with which
 * masking rule text, whether anyone or only registered developers may read it, under which licence, and the
 * quasi-identifiers whose combinations must each be shared by at least {@code k} rows.
 */
public record Opening(
        long id,
        long resourceId,
        String resourceCode,
        long providerId,
        OpenType openType,
        String openCondition,
        String licence,
        Map<String, String> fields,
        List<String> quasiIdentifiers,
        int k,
        State state,
        RiskAssessment assessment,
        String proposedBy,
        OffsetDateTime proposedAt,
        OffsetDateTime publishedAt,
        OffsetDateTime endedAt) {

    public Opening {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
    }

    /**
     * <pre>
     * BLOCKED     the assessment found what must be fixed first: the department revises
     * IN_REVIEW   the assessment passed: the bureau approves or returns it
     * RETURNED    the bureau sent it back with reasons: the department revises
     * PUBLISHED   public
     * UNPUBLISHED taken off the portal and the API (ended)
     * WITHDRAWN   the department gave up before it was public (ended)
     * </pre>
     */
    public enum State {
        BLOCKED, IN_REVIEW, RETURNED, PUBLISHED, UNPUBLISHED, WITHDRAWN;

        public boolean ended() {
            return this == UNPUBLISHED || this == WITHDRAWN;
        }
    }

    /** Each step, who may take it (the providing department or the bureau) and from which states. */
    public enum Action {
        PROPOSE(Party.PROVIDER), REVISE(Party.PROVIDER, State.BLOCKED, State.RETURNED),
        APPROVE(Party.BUREAU, State.IN_REVIEW), RETURN(Party.BUREAU, State.IN_REVIEW),
        UNPUBLISH(Party.EITHER, State.PUBLISHED), WITHDRAW(Party.PROVIDER, State.BLOCKED, State.IN_REVIEW, State.RETURNED),
        /** The assessment run again (by the department, the bureau, or the platform on new data) changed the state. */
        REASSESS(Party.EITHER, State.BLOCKED, State.IN_REVIEW, State.RETURNED, State.PUBLISHED);

        public enum Party { PROVIDER, BUREAU, EITHER, PLATFORM }

        public final Party party;
        private final List<State> from;

        Action(Party party, State... from) {
            this.party = party;
            this.from = List.of(from);
        }

        public boolean allowedFrom(State state) {
            return from.contains(state);
        }
    }

    /** One step of the history, as the console shows it. */
    public record Event(Action action, State from, State to, String actor, String actorDepartmentCode, OffsetDateTime at,
                        String note) {}
}
