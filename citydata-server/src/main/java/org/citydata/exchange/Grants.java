package org.citydata.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citydata.exchange.Grant.GrantStatus;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.privacy.Masking;
import org.citydata.platform.cache.RecentReads;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 授权: the rights departments hold to each other's resources. {@link #usableBy(Actor, String, Long)} is the question
 * the exchange API asks on every request; it remembers a department's grants for a resource for a moment, and every
 * change made here forgets them, so a grant suspended or revoked a moment ago refuses the very next request (on
 * another platform node sharing the database, within {@code citydata.exchange.grant-ttl}). Grants are made by
 * approvals ({@link ShareApplications}), then suspended, resumed or revoked by the provider's officers or the bureau,
 * and expire after their validity.
 */
@Service
public class Grants {

    /** Whose grants a list shows: the department's resources given to others, those it received, or all (the bureau). */
    public enum Side { PROVIDED, RECEIVED, ALL }

    private static final String SELECT = """
            select id, application_id, resource_id, resource_code, resource_name, provider_id, consumer_id, field_names,
                   field_maskings, purpose, valid_from, valid_until, rate_per_minute, daily_row_quota, application_ids,
                   status, created_at, status_reason
            from exchange_grant""";
    private static final Actor PLATFORM = Actor.system(0);

    private final JdbcClient db;
    private final AccessPolicy policy;
    /** A consumer department's grants for a resource, newest first, by {@link #key}. */
    private final RecentReads<String, List<Grant>> recent;

    Grants(JdbcClient db, AccessPolicy policy, @Value("${citydata.exchange.grant-ttl:PT2S}") Duration ttl) {
        this.db = db;
        this.policy = policy;
        this.recent = new RecentReads<>(ttl);
    }

    private static String key(long consumerId, String resourceCode) {
        return consumerId + " " + resourceCode;
    }

    /** Every change of a grant goes through here, so that the exchange API reads it again. */
    private void changed(Grant g) {
        recent.forget(key(g.consumerId(), g.resourceCode()));
    }

    // ------------------------------------------------------------------ the exchange API's question

    /**
     * The grant under which this application may read the resource today: one of its department's grants for the
     * resource that is ACTIVE, valid today, and names this application (or names none). Several such grants: the
     * newest, unless {@code grantId} picks one. Refusals (all 403) say why, for the newest grant that matched:
     * {@code EXCHANGE_NO_GRANT}, {@code EXCHANGE_GRANT_SUSPENDED}, {@code EXCHANGE_GRANT_REVOKED},
     * {@code EXCHANGE_GRANT_EXPIRED}, {@code EXCHANGE_GRANT_NOT_YET_VALID}, {@code EXCHANGE_APP_NOT_ALLOWED};
     * {@code IDENTITY_FORBIDDEN} when the actor is not an application with the EXCHANGE scope.
     */
    public Result<Grant> usableBy(Actor application, String resourceCode, Long grantId) {
        if (!policy.canCallExchange(application)) return AccessPolicy.denied("exchange API");
        // newest first, on the (consumer_id, resource_code, id desc) index
        var all = recent.get(key(application.departmentId(), resourceCode), k -> Optional.of(
                db.sql(SELECT + " where consumer_id = ? and resource_code = ? order by id desc")
                        .params(application.departmentId(), resourceCode).query(Grants::map).list()).filter(l -> !l.isEmpty()))
                .orElse(List.of());
        var candidates = grantId == null ? all : all.stream().filter(g -> g.id() == grantId).toList();
        var today = LocalDate.now();
        Grant newest = null;
        for (var candidate : candidates) {
            var grant = lapseIfDue(candidate, today);
            if (refusal(grant, application, today).isEmpty()) return Result.ok(grant);
            if (newest == null) newest = grant;
        }
        if (newest == null) return Result.failure(Problem.forbidden("EXCHANGE_NO_GRANT", String.valueOf(resourceCode)));
        return Result.failure(refusal(newest, application, today).orElseThrow());
    }

    /** Every grant the application may use today, newest first: its service list. */
    public List<Grant> usableBy(Actor application) {
        if (!policy.canCallExchange(application)) return List.of();
        var today = LocalDate.now();
        return db.sql(SELECT + " where consumer_id = ? and status in ('ACTIVE', 'SUSPENDED') order by id desc")
                .param(application.departmentId()).query(Grants::map).list().stream()
                .map(g -> lapseIfDue(g, today))
                .filter(g -> refusal(g, application, today).isEmpty())
                .toList();
    }

    /** Why the application may not use the grant today, or nothing when it may. */
    private static Optional<Problem> refusal(Grant g, Actor application, LocalDate today) {
        String code = g.resourceCode();
        return Optional.ofNullable(switch (g.status()) {
            case SUSPENDED -> Problem.forbidden("EXCHANGE_GRANT_SUSPENDED", code, g.id(), String.valueOf(g.statusReason()));
            case REVOKED -> Problem.forbidden("EXCHANGE_GRANT_REVOKED", code, g.id(), String.valueOf(g.statusReason()));
            case EXPIRED -> Problem.forbidden("EXCHANGE_GRANT_EXPIRED", code, g.id(), g.validUntil().toString());
            case ACTIVE -> {
                if (today.isBefore(g.validFrom()))
                    yield Problem.forbidden("EXCHANGE_GRANT_NOT_YET_VALID", code, g.id(), g.validFrom().toString());
                if (!g.applicationIds().isEmpty() && !g.applicationIds().contains(application.id()))
                    yield Problem.forbidden("EXCHANGE_APP_NOT_ALLOWED", code, g.id(), application.signature());
                yield null;
            }
        });
    }

    // ------------------------------------------------------------------ lists and one grant

    /**
     * Grants the actor may see: {@code PROVIDED} (its department's resources given to others), {@code RECEIVED} (what
     * its department holds), or {@code ALL} — every grant for the bureau and auditors, both of the former for others.
     */
    @Transactional
    public Result<List<Grant>> list(Actor actor, Side side) {
        if (!policy.canSeeSharesOf(actor, actor.departmentId())) return AccessPolicy.denied("grants");
        expireLapsed();
        long dept = actor.departmentId();
        var sql = switch (side == null ? Side.ALL : side) {
            case PROVIDED -> db.sql(SELECT + " where provider_id = ? order by id desc").param(dept);
            case RECEIVED -> db.sql(SELECT + " where consumer_id = ? order by id desc").param(dept);
            case ALL -> policy.canSeeAllDepartments(actor)
                    ? db.sql(SELECT + " order by id desc")
                    : db.sql(SELECT + " where provider_id = ? or consumer_id = ? order by id desc").params(dept, dept);
        };
        return Result.ok(sql.query(Grants::map).list());
    }

    /** One grant, to the members of both departments, the bureau and auditors; anyone else learns nothing of it. */
    @Transactional
    public Result<Grant> get(Actor actor, long id) {
        var found = find(id);
        if (found.isEmpty() || !visible(actor, found.get())) return Result.failure(Problem.notFound("EXCHANGE_GRANT_NOT_FOUND", id));
        return Result.ok(lapseIfDue(found.get(), LocalDate.now()));
    }

    public Result<List<GrantEvent>> history(Actor actor, long id) {
        return get(actor, id).map(g -> db.sql("""
                        select id, grant_id, action, from_status, to_status, actor, at, reason
                        from exchange_grant_event where grant_id = ? order by id""")
                .param(id).query((rs, n) -> new GrantEvent(rs.getLong("id"), rs.getLong("grant_id"),
                        GrantEvent.Action.valueOf(rs.getString("action")),
                        rs.getString("from_status") == null ? null : GrantStatus.valueOf(rs.getString("from_status")),
                        GrantStatus.valueOf(rs.getString("to_status")), rs.getString("actor"),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("reason")))
                .list());
    }

    // ------------------------------------------------------------------ changes

    @Transactional
    public Result<Grant> suspend(Actor actor, long id, String reason) {
        return change(actor, id, GrantEvent.Action.SUSPEND, reason);
    }

    @Transactional
    public Result<Grant> resume(Actor actor, long id, String reason) {
        return change(actor, id, GrantEvent.Action.RESUME, reason);
    }

    @Transactional
    public Result<Grant> revoke(Actor actor, long id, String reason) {
        return change(actor, id, GrantEvent.Action.REVOKE, reason);
    }

    private Result<Grant> change(Actor actor, long id, GrantEvent.Action action, String reason) {
        var found = db.sql(SELECT + " where id = ? for update").param(id).query(Grants::map).optional();
        if (found.isEmpty() || !visible(actor, found.get())) return Result.failure(Problem.notFound("EXCHANGE_GRANT_NOT_FOUND", id));
        if (!policy.canManageGrantsOf(actor, found.get().providerId())) return AccessPolicy.denied("grant " + id);
        if (reason == null || reason.isBlank())
            return Result.failure(Problem.invalid("EXCHANGE_INVALID_GRANT_CHANGE", List.of(Violation.of("reason", "required"))));
        if (reason.strip().length() > 1000)
            return Result.failure(Problem.invalid("EXCHANGE_INVALID_GRANT_CHANGE", List.of(Violation.of("reason", "too_long", 1000))));
        var grant = lapseIfDue(found.get(), LocalDate.now()); // a grant past its validity cannot be resumed
        if (!action.allowedFrom(grant.status()))
            return Result.failure(Problem.conflict("EXCHANGE_GRANT_BAD_TRANSITION", id, grant.status(), action));
        move(grant, action, actor, reason.strip());
        return Result.ok(find(id).orElseThrow());
    }

    /**
     * Grants past their validity become EXPIRED, by the platform. Run by the scheduled check and before lists;
     * {@link #usableBy} expires the rows it reads itself, so an expired grant never works for a day longer.
     */
    @Transactional
    public int expireLapsed() {
        var lapsed = db.sql(SELECT + " where status in ('ACTIVE', 'SUSPENDED') and valid_until < ? for update skip locked")
                .param(LocalDate.now()).query(Grants::map).list();
        lapsed.forEach(g -> move(g, GrantEvent.Action.EXPIRE, PLATFORM, null));
        return lapsed.size();
    }

    private Grant lapseIfDue(Grant g, LocalDate today) {
        if (!GrantEvent.Action.EXPIRE.allowedFrom(g.status()) || !g.validUntil().isBefore(today)) return g;
        // one statement, so the change and its event go together without a transaction on the hot path; a request
        // that expired it a moment earlier makes this one change nothing and record nothing
        db.sql("""
                with lapsed as (update exchange_grant set status = 'EXPIRED', status_reason = null
                                where id = ? and status = ? returning id)
                insert into exchange_grant_event (grant_id, action, from_status, to_status, actor)
                select id, 'EXPIRE', ?, 'EXPIRED', ? from lapsed""")
                .params(g.id(), g.status().name(), g.status().name(), PLATFORM.signature()).update();
        changed(g);
        return find(g.id()).orElseThrow();
    }

    private void move(Grant g, GrantEvent.Action action, Actor actor, String reason) {
        db.sql("update exchange_grant set status = ?, status_reason = ? where id = ?")
                .params(action.to().name(), reason, g.id()).update();
        changed(g);
        event(g.id(), action, g.status(), actor, reason);
    }

    private void event(long grantId, GrantEvent.Action action, GrantStatus from, Actor actor, String reason) {
        db.sql("insert into exchange_grant_event (grant_id, action, from_status, to_status, actor, reason) values (?, ?, ?, ?, ?, ?)")
                .params(grantId, action.name(), from == null ? null : from.name(), action.to().name(), actor.signature(), reason)
                .update();
    }

    /** Made by an approval (the caller has checked who approves and the terms). */
    Grant create(Actor approver, ShareApplication application, GrantTerms terms) {
        long id = db.sql("""
                insert into exchange_grant (application_id, resource_id, resource_code, resource_name, provider_id,
                    consumer_id, field_names, field_maskings, purpose, valid_from, valid_until, rate_per_minute,
                    daily_row_quota, application_ids, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE') returning id""")
                .params(application.id(), application.resourceId(), application.resourceCode(), application.resourceName(),
                        application.providerId(), application.consumerId(),
                        terms.fields().keySet().toArray(String[]::new),
                        terms.fields().values().stream().map(Masking::text).toArray(String[]::new),
                        application.purpose(), terms.validFrom(), terms.validUntil(), terms.ratePerMinute(),
                        terms.dailyRowQuota(), terms.applicationIds().stream().sorted().toArray(Long[]::new))
                .query(Long.class).single();
        event(id, GrantEvent.Action.CREATE, null, approver, null);
        var grant = find(id).orElseThrow();
        changed(grant);
        return grant;
    }

    private Optional<Grant> find(long id) {
        return db.sql(SELECT + " where id = ?").param(id).query(Grants::map).optional();
    }

    private boolean visible(Actor actor, Grant g) {
        return policy.canSeeSharesOf(actor, g.providerId()) || policy.canSeeSharesOf(actor, g.consumerId());
    }

    private static Grant map(ResultSet rs, int row) throws SQLException {
        var names = (String[]) rs.getArray("field_names").getArray();
        var texts = (String[]) rs.getArray("field_maskings").getArray();
        var fields = new LinkedHashMap<String, Masking>();
        // a stored rule that no longer reads hides the field entirely rather than showing it
        for (int i = 0; i < names.length; i++) {
            var rule = Masking.parse(texts[i]);
            fields.put(names[i], rule.succeeded() ? rule.value() : Masking.NULL);
        }
        return new Grant(rs.getLong("id"), (Long) rs.getObject("application_id"), rs.getLong("resource_id"),
                rs.getString("resource_code"), rs.getString("resource_name"), rs.getLong("provider_id"),
                rs.getLong("consumer_id"), java.util.Collections.unmodifiableMap(fields), rs.getString("purpose"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                rs.getInt("rate_per_minute"), rs.getLong("daily_row_quota"), ids(rs, "application_ids"),
                GrantStatus.valueOf(rs.getString("status")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getString("status_reason"));
    }

    static Set<Long> ids(ResultSet rs, String column) throws SQLException {
        var array = (Long[]) rs.getArray(column).getArray();
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(array)));
    }
}
