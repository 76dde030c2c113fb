package org.citydata.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is acting: a person logged in to the console, or a department application calling with an API token. Every
 * permission question is asked about an actor, in {@link AccessPolicy}.
 */
public record Actor(Kind kind, long id, String name, String displayName, long departmentId, Set<Role> roles) {

    public enum Kind { USER, APPLICATION, SYSTEM }

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The platform itself, for work nobody asked for in a request (bootstrap, demo seeding). */
    public static Actor system(long departmentId) {
        return new Actor(Kind.SYSTEM, 0, "system", "系统", departmentId, Set.of(Role.PLATFORM_ADMIN));
    }

    /**
     * How records name this actor: a user by user name, an application by its token's number and name (a token's
     * name is free text and could imitate a user name), the platform as {@code system}.
     */
    public String signature() {
        return switch (kind) {
            case USER -> name;
            case APPLICATION -> "token#" + id + " " + name;
            case SYSTEM -> "system";
        };
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
