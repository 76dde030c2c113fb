package org.citydata.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.opendata.internal.Secrets;
import org.citydata.platform.cache.RecentReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Developers' API keys for the open API. A key is {@code cdk_} and 256 random bits, shown once at creation; the database
 * keeps its SHA-256 and first characters, as for department tokens ({@code cdt_}), whose prefix and table differ, so
 * neither kind is ever taken for the other. A confirmed, enabled developer holds at most
 * {@link DeveloperSettings#maxKeys()} live keys.
 */
@Service
public class ApiKeys {

    public static final String PREFIX = "cdk_";
    private static final String SELECT = "select id, name, key_prefix, created_at, last_used_at, revoked_at from opendata_api_key";

    /** What a presented key stands for, as read with its developer. */
    private record Presented(KeyHolder holder, boolean usable, OffsetDateTime lastUsedAt) {}

    /**
     * Keys presented in the last seconds, by hash: every open API request with a key looks it up. Revoking a key, or
     * disabling its developer or changing its tier, here forgets it at once; on another node within the entry's life.
     */
    private final RecentReads<String, Presented> recent = new RecentReads<>(Duration.ofSeconds(5));

    private final JdbcClient db;
    private final DeveloperSettings settings;

    ApiKeys(JdbcClient db, DeveloperSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /** A new key and its secret, which is never shown again. */
    public record IssuedKey(ApiKey key, String secret) {}

    @Transactional
    public Result<IssuedKey> create(long developerId, String name) {
        var v = new ArrayList<Violation>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) v.add(Violation.of("name", "required"));
        else if (n.length() > 100) v.add(Violation.of("name", "too_long", 100));
        if (!v.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_KEY", v));
        var usable = usable(developerId, true); // the developer's row stays locked: two creations cannot both pass the count
        if (usable != null) return Result.failure(usable);
        long live = db.sql("select count(*) from opendata_api_key where developer_id = ? and revoked_at is null")
                .param(developerId).query(Long.class).single();
        if (live >= settings.maxKeys()) return Result.failure(Problem.conflict("OPENDATA_KEY_LIMIT", settings.maxKeys()));
        String secret = Secrets.create(PREFIX);
        long id = db.sql("insert into opendata_api_key (developer_id, name, key_prefix, key_hash) values (?, ?, ?, ?) returning id")
                .params(developerId, n, secret.substring(0, 12), Secrets.hash(secret)).query(Long.class).single();
        return Result.ok(new IssuedKey(get(id), secret));
    }

    /** The developer's keys, newest first, revoked ones included. */
    public Result<List<ApiKey>> list(long developerId) {
        var usable = usable(developerId, false);
        if (usable != null) return Result.failure(usable);
        return Result.ok(db.sql(SELECT + " where developer_id = ? order by id desc").param(developerId).query(ApiKeys::map).list());
    }

    /** Revokes one of the developer's own keys; another's is {@code OPENDATA_KEY_NOT_FOUND}, as if it did not exist. */
    @Transactional
    public Result<ApiKey> revoke(long developerId, long keyId) {
        var usable = usable(developerId, false);
        if (usable != null) return Result.failure(usable);
        int changed = db.sql("update opendata_api_key set revoked_at = coalesce(revoked_at, now()) where id = ? and developer_id = ?")
                .params(keyId, developerId).update();
        if (changed == 0) return Result.failure(Problem.notFound("OPENDATA_KEY_NOT_FOUND", keyId));
        recent.forgetValues(p -> p.holder().keyId() == keyId);
        return Result.ok(get(keyId));
    }

    /**
     * Who a presented key stands for. Anything but a live key of a confirmed, enabled developer is
     * {@code OPENDATA_BAD_KEY}, with no reason given: the reason helps only someone trying keys. Marks the key used at
     * most about once a minute, not on every request.
     */
    public Result<KeyHolder> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return badKey();
        byte[] hash = Secrets.hash(secret);
        var found = recent.get(Base64.getEncoder().encodeToString(hash), k -> {
            var key = db.sql("""
                    select k.id, k.developer_id, d.display_name, d.tier, k.last_used_at,
                           k.revoked_at is null and d.enabled and d.confirmed_at is not null as usable
                    from opendata_api_key k join opendata_developer d on d.id = k.developer_id where k.key_hash = ?""")
                    .param(hash)
                    .query((rs, n) -> new Presented(new KeyHolder(rs.getLong("id"), rs.getLong("developer_id"),
                            rs.getString("display_name"), rs.getString("tier")), rs.getBoolean("usable"),
                            rs.getObject("last_used_at", OffsetDateTime.class)))
                    .optional();
            key.filter(p -> p.usable() && (p.lastUsedAt() == null || p.lastUsedAt().isBefore(OffsetDateTime.now().minusMinutes(1))))
                    .ifPresent(p -> db.sql("update opendata_api_key set last_used_at = now() where id = ?").param(p.holder().keyId()).update());
            return key;
        });
        if (found.isEmpty() || !found.get().usable()) return badKey();
        return Result.ok(found.get().holder());
    }

    /** The developer's keys are read again on their next use: it was disabled, enabled or given another tier. */
    void forgetDeveloper(long developerId) {
        recent.forgetValues(p -> p.holder().developerId() == developerId);
    }

    /** Null when the developer may manage keys, else why not. */
    private Problem usable(long developerId, boolean lock) {
        record State(boolean enabled, boolean confirmed) {}
        var state = db.sql("select enabled, confirmed_at is not null as confirmed from opendata_developer where id = ?"
                        + (lock ? " for update" : ""))
                .param(developerId).query((rs, n) -> new State(rs.getBoolean("enabled"), rs.getBoolean("confirmed"))).optional();
        if (state.isEmpty()) return Problem.notFound("OPENDATA_DEVELOPER_NOT_FOUND", developerId);
        if (!state.get().enabled()) return Problem.forbidden("OPENDATA_DEVELOPER_DISABLED");
        if (!state.get().confirmed()) return Problem.forbidden("OPENDATA_NOT_CONFIRMED");
        return null;
    }

    private static <T> Result<T> badKey() {
        return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_BAD_KEY"));
    }

    private ApiKey get(long id) {
        return db.sql(SELECT + " where id = ?").param(id).query(ApiKeys::map).single();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class));
    }
}
