package org.citydata.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is acting: a person logged in to the console, or a department application calling with an API token. Every
 * permission question is asked about an actor, in {@link AccessPolicy}.
 */
public record Actor(Kind kind, long id, String name, String displayName, long departmentId, Set<Role> roles) {

    /** {@code PUBLIC}: someone outside government using the open-data portal or API, anonymous or by a developer key. */
    public enum Kind { USER, APPLICATION, SYSTEM, PUBLIC }

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The platform itself, for work nobody asked for in a request (bootstrap, demo seeding). */
    public static Actor system(long departmentId) {
        return new Actor(Kind.SYSTEM, 0, "system", "系统", departmentId, Set.of(Role.PLATFORM_ADMIN));
    }

    /** A member of the public: anonymous ({@code developerId} 0) or a registered developer; no department, no role. */
    public static Actor publicReader(long developerId, String name) {
        return new Actor(Kind.PUBLIC, developerId, developerId == 0 ? "public" : name, developerId == 0 ? "社会公众" : name, 0, Set.of());
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
            case PUBLIC -> id == 0 ? "public" : "developer#" + id + " " + name;
        };
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
