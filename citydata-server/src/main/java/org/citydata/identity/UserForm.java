package org.citydata.identity;

import java.util.Set;

/** What an administrator fills in for a user. {@code password} may be blank on update (it is then kept). */
public record UserForm(
        String username,
        String displayName,
        String departmentCode,
        Set<Role> roles,
        Boolean enabled,
        String password) {}
