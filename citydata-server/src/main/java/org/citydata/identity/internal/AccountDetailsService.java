package org.citydata.identity.internal;

import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountDetailsService implements UserDetailsService {

    private final JdbcClient db;
    private final Users users;

    AccountDetailsService(JdbcClient db, Users users) {
        this.db = db;
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        String hash = db.sql("select password_hash from identity_user where id = ?").param(user.id()).query(String.class).single();
        var actor = new Actor(Actor.Kind.USER, user.id(), user.username(), user.displayName(), user.departmentId(), user.roles());
        return new ActorUser(actor, hash, user.enabled());
    }
}
