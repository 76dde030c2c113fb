package org.citydata.identity.internal;

import java.util.Collection;
import java.util.List;
import org.citydata.identity.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A console login as Spring Security sees it, carrying the {@link Actor} the rest of the platform sees. */
record ActorUser(Actor actor, String passwordHash, boolean enabled) implements UserDetails {

    static List<GrantedAuthority> authorities(Actor actor) {
        return actor.roles().stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities(actor);
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.name();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
