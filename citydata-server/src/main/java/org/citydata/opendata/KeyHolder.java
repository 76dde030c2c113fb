package org.citydata.opendata;

import org.citydata.identity.Actor;

/** Who stands behind a presented API key: the key, its developer, and the tier that sets the key's rate limit. */
public record KeyHolder(long keyId, long developerId, String displayName, String tier) {

    /** The developer as the access path and the access log see a reader: {@code developer#id name}. */
    public Actor actor() {
        return Actor.publicReader(developerId, displayName);
    }
}
