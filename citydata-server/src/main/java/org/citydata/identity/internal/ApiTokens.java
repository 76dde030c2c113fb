package org.citydata.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.platform.cache.RecentReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for department applications. The secret is 256 random bits, shown once; the database keeps its
 * SHA-256 (a slow hash buys nothing for a random secret and would tax every API call).
 */
@Service
public class ApiTokens {

    static final String PREFIX = "cdt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = """
            select t.id, t.name, t.token_prefix, t.department_id, t.scopes, u.username as created_by, t.created_at,
                   t.expires_at, t.revoked_at, t.last_used_at
            from identity_api_token t join identity_user u on u.id = t.created_by""";

    /**
     * Tokens presented in the last seconds, by hash: every API call authenticates, and an exchange client calls
     * thousands of times a second. Revoking through {@link #revoke} evicts at once; expiry is checked on every use.
     */
    private final RecentReads<String, ApiToken> recent = new RecentReads<>(java.time.Duration.ofSeconds(5));

    private final JdbcClient db;
    private final AccessPolicy policy;
    private final Departments departments;

    ApiTokens(JdbcClient db, AccessPolicy policy, Departments departments) {
        this.db = db;
        this.policy = policy;
        this.departments = departments;
    }

    public record TokenForm(String name, String departmentCode, Set<TokenScope> scopes, Integer validDays) {}

    public record Issued(ApiToken token, String secret) {}

    @Transactional
    public Result<Issued> issue(Actor actor, TokenForm form) {
        var v = new ArrayList<Violation>();
        if (form.name() == null || form.name().isBlank()) v.add(Violation.of("name", "required"));
        else if (form.name().length() > 100) v.add(Violation.of("name", "too_long", 100));
        var department = form.departmentCode() == null ? java.util.Optional.<org.citydata.identity.Department>empty()
                : departments.findByCode(form.departmentCode());
        if (department.isEmpty()) v.add(Violation.of("departmentCode", "department.unknown", String.valueOf(form.departmentCode())));
        if (form.scopes() == null || form.scopes().isEmpty()) v.add(Violation.of("scopes", "required"));
        int days = form.validDays() == null ? 90 : form.validDays();
        if (days < 1 || days > 365) v.add(Violation.of("validDays", "range", 1, 365));
        if (!v.isEmpty()) return Result.failure(Problem.invalid("IDENTITY_INVALID_TOKEN", v));
        if (actor.kind() != Actor.Kind.USER || !policy.canManageMembersOf(actor, department.get().id()))
            return AccessPolicy.denied("tokens");

        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long id = db.sql("""
                insert into identity_api_token (name, token_prefix, token_hash, department_id, scopes, created_by, expires_at)
                values (?, ?, ?, ?, ?::text[], ?, now() + make_interval(days => ?)) returning id""")
                .params(form.name().strip(), secret.substring(0, 12), hash(secret), department.get().id(),
                        "{" + String.join(",", form.scopes().stream().map(Enum::name).sorted().toList()) + "}",
                        actor.id(), days)
                .query(Long.class).single();
        return Result.ok(new Issued(get(id), secret));
    }

    public List<ApiToken> visibleTo(Actor actor) {
        if (policy.canSeeAllDepartments(actor)) return db.sql(SELECT + " order by t.id desc").query(ApiTokens::map).list();
        return db.sql(SELECT + " where t.department_id = ? order by t.id desc").param(actor.departmentId()).query(ApiTokens::map).list();
    }

    @Transactional
    public Result<ApiToken> revoke(Actor actor, long id) {
        var token = db.sql(SELECT + " where t.id = ?")
                .param(id).query(ApiTokens::map).optional();
        if (token.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_TOKEN_NOT_FOUND", id));
        if (!policy.canManageMembersOf(actor, token.get().departmentId())) return AccessPolicy.denied("tokens");
        db.sql("update identity_api_token set revoked_at = coalesce(revoked_at, now()) where id = ?").param(id).update();
        recent.forgetValues(t -> t.id() == id);
        return Result.ok(get(id));
    }

    /** Who a presented secret stands for, or why it is refused. Marks the token used (at most once a minute or so). */
    public Result<Actor> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_TOKEN_INVALID"));
        byte[] hash = hash(secret);
        String key = Base64.getEncoder().encodeToString(hash);
        var found = recent.get(key, k -> {
            var token = db.sql(SELECT + " where t.token_hash = ?").param(hash).query(ApiTokens::map).optional();
            token.filter(t -> t.revokedAt() == null && (t.lastUsedAt() == null || t.lastUsedAt().isBefore(OffsetDateTime.now().minusMinutes(1))))
                    .ifPresent(t -> db.sql("update identity_api_token set last_used_at = now() where id = ?").param(t.id()).update());
            return token;
        });
        if (found.isEmpty()) return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_TOKEN_INVALID"));
        var t = found.get();
        if (t.revokedAt() != null) return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_TOKEN_REVOKED"));
        if (t.expiresAt().isBefore(OffsetDateTime.now())) return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_TOKEN_EXPIRED"));
        return Result.ok(new Actor(Actor.Kind.APPLICATION, t.id(), t.name(), t.name(), t.departmentId(), TokenScope.roles(t.scopes())));
    }

    private ApiToken get(long id) {
        return db.sql(SELECT + " where t.id = ?")
                .param(id).query(ApiTokens::map).single();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        var scopes = EnumSet.noneOf(TokenScope.class);
        Arrays.stream((String[]) rs.getArray("scopes").getArray()).map(TokenScope::valueOf).forEach(scopes::add);
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"), rs.getLong("department_id"),
                scopes, rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class));
    }
}
