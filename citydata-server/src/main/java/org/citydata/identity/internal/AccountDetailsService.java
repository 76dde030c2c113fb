package org.citydata.identity.internal;

import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountDetailsService implements UserDetailsService {

    private final Users users;

    AccountDetailsService(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var credentials = users.credentials(username).orElseThrow(() -> new UsernameNotFoundException(username));
        var user = credentials.user();
        var actor = new Actor(Actor.Kind.USER, user.id(), user.username(), user.displayName(), user.departmentId(), user.roles());
        return new ActorUser(actor, credentials.passwordHash(), user.enabled());
    }
}
