package org.citydata.identity.internal;

import java.util.EnumSet;
import java.util.Set;
import org.citydata.identity.Role;

/** What a department application may do with a token; each scope stands for the role it borrows. */
public enum TokenScope {
    /** Read the catalog as a member of the department. */
    CATALOG_READ,
    /** Also register and edit the department's resources, as its data officer would. */
    CATALOG_WRITE,
    /** Call the exchange API: read other departments' data under the grants the department holds. */
    EXCHANGE;

    static Set<Role> roles(Set<TokenScope> scopes) {
        var roles = EnumSet.noneOf(Role.class);
        if (scopes.contains(CATALOG_WRITE)) roles.add(Role.DATA_OFFICER);
        if (scopes.contains(EXCHANGE)) roles.add(Role.EXCHANGE_CLIENT);
        return roles;
    }
}
