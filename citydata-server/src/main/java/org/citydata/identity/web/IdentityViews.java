package org.citydata.identity.web;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.citydata.identity.Department;
import org.citydata.identity.Role;
import org.citydata.identity.User;
import org.citydata.identity.internal.ApiToken;
import org.citydata.identity.internal.TokenScope;

/** The API's shapes for identity: departments named by code, never by database id. */
final class IdentityViews {

    private IdentityViews() {}

    record DepartmentView(String code, String parentCode, String nameZh, String nameEn, String contactName,
                          String contactPhone, String contactEmail) {
        static DepartmentView of(Department d, Map<Long, Department> byId) {
            return new DepartmentView(d.code(), d.parentId() == null ? null : byId.get(d.parentId()).code(), d.nameZh(),
                    d.nameEn(), d.contactName(), d.contactPhone(), d.contactEmail());
        }
    }

    record UserView(String username, String displayName, String departmentCode, Set<Role> roles, boolean enabled,
                    OffsetDateTime createdAt) {
        static UserView of(User u, Map<Long, Department> byId) {
            return new UserView(u.username(), u.displayName(), byId.get(u.departmentId()).code(), u.roles(), u.enabled(),
                    u.createdAt());
        }
    }

    record TokenView(long id, String name, String prefix, String departmentCode, Set<TokenScope> scopes, String state,
                     String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
                     OffsetDateTime lastUsedAt) {
        static TokenView of(ApiToken t, Map<Long, Department> byId) {
            return new TokenView(t.id(), t.name(), t.prefix() + "…", byId.get(t.departmentId()).code(), t.scopes(),
                    t.state(OffsetDateTime.now()), t.createdBy(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt());
        }
    }

    /** Returned once, when a token is issued: the only time its secret is ever shown. */
    record IssuedTokenView(TokenView token, String secret) {}

    record Me(String kind, String name, String displayName, String departmentCode, Set<Role> roles) {}
}
