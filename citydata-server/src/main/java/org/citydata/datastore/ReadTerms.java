package org.citydata.datastore;

import java.util.LinkedHashMap;
import java.util.Map;
import org.citydata.audit.AccessRecord.Channel;
import org.citydata.identity.Actor;
import org.citydata.kernel.privacy.Masking;

/**
 * The terms of one read: who reads, through which channel, why (the purpose: a case number or reason), for which end
 * user, under which request id, and what they may see.
 *
 * <ul>
 * <li>{@link #owner}: a console or API reader with no grant. The provider department sees its rows in clear; the
 *     bureau and auditors see every field masked as its sensitivity says ({@code L3}/{@code L4} hidden); anyone else
 *     is refused.</li>
 * <li>{@link #granted}: a read under a grant, built by the exchange from it: only the granted fields, each masked as
 *     the grant says ({@link Masking#CLEAR} for clear).</li>
 * <li>{@link #opened}: a read of open data by the public, built by the open-data module from a published opening: the
 *     opened fields masked as the opening says, and only clear fields may be filtered or sorted on. {@code grantId}
 *     names the opening.</li>
 * </ul>
 */
public record ReadTerms(Actor actor, Channel channel, String purpose, String endUser, String requestId, Long grantId,
                        Map<String, Masking> granted) {

    public ReadTerms {
        granted = granted == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(granted));
    }

    /** A read without a grant; the channel follows from who reads (a person in the console, an application, the platform). */
    public static ReadTerms owner(Actor actor, String purpose, String requestId) {
        var channel = switch (actor.kind()) {
            case USER -> Channel.CONSOLE;
            case APPLICATION -> Channel.API;
            case SYSTEM -> Channel.PLATFORM;
            case PUBLIC -> Channel.OPEN;
        };
        return new ReadTerms(actor, channel, purpose, null, requestId, null, null);
    }

    public static ReadTerms granted(Actor actor, Channel channel, String purpose, String endUser, String requestId,
                                    long grantId, Map<String, Masking> fields) {
        return new ReadTerms(actor, channel, purpose, endUser, requestId, grantId, fields);
    }

    public static ReadTerms opened(Actor actor, String purpose, String endUser, String requestId, long openingId,
                                   Map<String, Masking> fields) {
        return new ReadTerms(actor, Channel.OPEN, purpose, endUser, requestId, openingId, fields);
    }

    /** Open data is filtered only on what it shows: an equality filter on a hidden value would tell whether it is there. */
    public boolean filtersOnlyClear() {
        return channel == Channel.OPEN;
    }

    public boolean underGrant() {
        return granted != null;
    }
}
