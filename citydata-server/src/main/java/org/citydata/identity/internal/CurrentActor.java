package org.citydata.identity.internal;

import java.util.Optional;
import org.citydata.identity.Actor;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, whether it signed in with the console or presented a token. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Optional<Actor> get() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) return Optional.empty();
        if (auth.getPrincipal() instanceof ActorUser user) return Optional.of(user.actor());
        if (auth.getPrincipal() instanceof Actor actor) return Optional.of(actor);
        return Optional.empty();
    }
}
