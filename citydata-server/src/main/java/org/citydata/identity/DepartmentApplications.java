package org.citydata.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.internal.TokenScope;
import org.citydata.kernel.Result;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A department's applications (部门应用系统) as other modules see them: its API tokens by number and name, never a
 * secret. A grant names the applications that may use it by these numbers.
 */
@Service
public class DepartmentApplications {

    /** {@code exchange}: the token has the EXCHANGE scope; {@code active}: neither revoked nor expired. */
    public record Application(long id, String name, long departmentId, boolean exchange, boolean active) {}

    private final JdbcClient db;
    private final ApiTokens tokens;

    DepartmentApplications(JdbcClient db, ApiTokens tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    /**
     * Registers an application of the department that calls the exchange API: a token with the {@code EXCHANGE} scope,
     * issued as {@code actor} would issue it in the console (the department's administrator, or the bureau's), valid
     * for {@code validDays}. Answers the application, not its secret, so the secret is held by no one: whoever wants
     * to call issues a token of their own and sees it once. For seeding (the demo city); people use the console.
     */
    public Result<Application> registerExchangeClient(Actor actor, String departmentCode, String name, int validDays) {
        return tokens.issue(actor, new ApiTokens.TokenForm(name, departmentCode, Set.of(TokenScope.EXCHANGE), validDays))
                .map(issued -> new Application(issued.token().id(), issued.token().name(), issued.token().departmentId(), true, true));
    }

    /** The department's applications, newest first. */
    public List<Application> of(long departmentId) {
        return db.sql("""
                select id, name, department_id, 'EXCHANGE' = any(scopes) as exchange,
                       revoked_at is null and expires_at > now() as active
                from identity_api_token where department_id = ? order by id desc""")
                .param(departmentId).query(Application.class).list();
    }

    /** The department's applications that may call the exchange API now. */
    public List<Application> exchangeClientsOf(long departmentId) {
        return of(departmentId).stream().filter(a -> a.exchange() && a.active()).toList();
    }

    /** Names by number, whatever the token's state: a grant keeps naming a revoked application. */
    public Map<Long, String> names(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.sql("select id, name from identity_api_token where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
