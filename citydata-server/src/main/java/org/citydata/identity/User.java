package org.citydata.identity;

import java.time.OffsetDateTime;
import java.util.Set;

/** A person with a console login, member of exactly one department. */
public record User(
        long id,
        String username,
        String displayName,
        long departmentId,
        Set<Role> roles,
        boolean enabled,
        OffsetDateTime createdAt) {}
