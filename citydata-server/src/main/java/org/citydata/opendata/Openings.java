package org.citydata.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceChanged;
import org.citydata.catalog.ResourceStatus;
import org.citydata.datastore.DatasetVersionCommitted;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.opendata.Opening.Action;
import org.citydata.opendata.Opening.State;
import org.citydata.opendata.internal.RiskAssessor;
import org.citydata.privacy.MaskingChoices;
import org.citydata.platform.cache.RecentValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * 数据开放 from proposal to publication. Each command loads the opening (locked), checks that the actor may see it
 * (else it does not exist for them) and that the step is theirs and allowed from its state ({@link Action}), then
 * changes it and appends the step to the history in one transaction.
 *
 * <p>The risk assessment runs whenever what would be opened may have changed: on proposal and revision (it decides
 * between {@code BLOCKED} and {@code IN_REVIEW}), again at approval (the data may have changed since), and when a
 * new version of an opening's data is committed — a published opening whose new data fails goes back to
 * {@code BLOCKED} and off the portal at once.
 */
@Service
public class Openings {

    private static final Logger log = LoggerFactory.getLogger(Openings.class);
    private static final String COLUMNS = """
            id, resource_id, resource_code, provider_id, open_type, open_condition, licence, field_names, field_maskings,
            quasi_identifiers, k, state, %s as assessment, proposed_by, proposed_at, published_at, ended_at, assessed_version, updated_at""";
    private static final String SELECT = "select " + COLUMNS.formatted("assessment") + " from opendata_opening";
    /** The same without the assessment's JSON, for lists of thousands. */
    private static final String SELECT_LIGHT = "select " + COLUMNS.formatted("null") + " from opendata_opening";

    private final JdbcClient db;
    private final Catalog catalog;
    private final Departments departments;
    private final AccessPolicy policy;
    private final RiskAssessor assessor;
    private final JsonMapper json;
    private final int defaultK;
    private final org.springframework.transaction.PlatformTransactionManager transactions;
    private final RecentValue<Published> published;

    Openings(JdbcClient db, Catalog catalog, Departments departments, AccessPolicy policy, RiskAssessor assessor,
             JsonMapper json, @Value("${citydata.opendata.k:5}") int defaultK,
             org.springframework.transaction.PlatformTransactionManager transactions,
             @Value("${citydata.opendata.published-ttl:2s}") java.time.Duration publishedTtl) {
        this.published = new RecentValue<>(publishedTtl, this::readPublished);
        this.transactions = transactions;
        this.db = db;
        this.catalog = catalog;
        this.departments = departments;
        this.policy = policy;
        this.assessor = assessor;
        this.json = json;
        this.defaultK = defaultK;
    }

    public int defaultK() {
        return defaultK;
    }

    // ------------------------------------------------------------------ the department's steps

    /**
     * A department's officer proposes to open a published resource of the department. Refused:
     * {@code OPENDATA_CLOSED} (the catalog says 不予开放), {@code OPENDATA_RESOURCE_NOT_PUBLISHED},
     * {@code OPENDATA_ALREADY_OPENING} (one opening at a time per resource), {@code OPENDATA_INVALID_OPENING} (the form),
     * and the datastore's {@code DATASTORE_NO_DATA} when there is nothing to assess yet.
     */
    @Transactional
    public Result<Opening> propose(Actor actor, OpeningForm form, String requestId) {
        var found = form.resourceCode() == null ? Result.<Resource>failure(Problem.notFound("CATALOG_NOT_FOUND", ""))
                : catalog.get(actor, form.resourceCode().strip());
        if (!found.succeeded()) return Result.failure(found.problem());
        var resource = found.value();
        if (!policy.canProposeOpeningsOf(actor, resource.providerId())) return AccessPolicy.denied("openings of " + resource.code());
        if (resource.status() != ResourceStatus.PUBLISHED)
            return Result.failure(Problem.conflict("OPENDATA_RESOURCE_NOT_PUBLISHED", resource.code()));
        if (resource.metadata().openType() == OpenType.CLOSED)
            return Result.failure(Problem.forbidden("OPENDATA_CLOSED", resource.code(), resource.metadata().name()));
        if (live(resource.id()).isPresent())
            return Result.failure(Problem.conflict("OPENDATA_ALREADY_OPENING", resource.code()));
        var checked = check(form, resource);
        if (!checked.succeeded()) return Result.failure(checked.problem());
        var c = checked.value();
        long id;
        try {
            id = db.sql("""
                            insert into opendata_opening (resource_id, resource_code, provider_id, open_type, open_condition, licence,
                                field_names, field_maskings, quasi_identifiers, k, state, proposed_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BLOCKED', ?) returning id""")
                    .params(resource.id(), resource.code(), resource.providerId(), resource.metadata().openType().name(), c.condition,
                            c.licence.id, c.names(), c.maskings(), c.quasiIdentifiers.toArray(String[]::new), c.k, actor.signature())
                    .query(Long.class).single();
        } catch (org.springframework.dao.DuplicateKeyException e) { // a proposal of the same resource committed meanwhile
            return rollback(Problem.conflict("OPENDATA_ALREADY_OPENING", resource.code()));
        }
        var assessed = assessAndStore(id, resource, c.fields, c.quasiIdentifiers, c.k, actor, requestId);
        if (!assessed.succeeded()) return rollback(assessed.problem());
        State to = assessed.value().passes() ? State.IN_REVIEW : State.BLOCKED;
        setState(id, to);
        event(id, Action.PROPOSE, null, to, actor, null);
        return Result.ok(load(id).orElseThrow());
    }

    /** Changes the fields, masking, quasi-identifiers or licence of a blocked or returned opening, and assesses it again. */
    @Transactional
    public Result<Opening> revise(Actor actor, long id, OpeningForm form, String requestId) {
        var step = step(actor, id, Action.REVISE);
        if (!step.succeeded()) return step;
        var opening = step.value();
        var resource = catalog.get(Actor.system(0), opening.resourceCode());
        if (!resource.succeeded()) return Result.failure(resource.problem());
        var checked = check(form, resource.value());
        if (!checked.succeeded()) return Result.failure(checked.problem());
        var c = checked.value();
        update("""
                        update opendata_opening set open_condition = ?, licence = ?, field_names = ?, field_maskings = ?,
                            quasi_identifiers = ?, k = ?, updated_at = now() where id = ?""",
                c.condition, c.licence.id, c.names(), c.maskings(), c.quasiIdentifiers.toArray(String[]::new), c.k, id);
        var assessed = assessAndStore(id, resource.value(), c.fields, c.quasiIdentifiers, c.k, actor, requestId);
        if (!assessed.succeeded()) return rollback(assessed.problem());
        State to = assessed.value().passes() ? State.IN_REVIEW : State.BLOCKED;
        setState(id, to);
        event(id, Action.REVISE, opening.state(), to, actor, null);
        return Result.ok(load(id).orElseThrow());
    }

    @Transactional
    public Result<Opening> withdraw(Actor actor, long id, String reason) {
        return end(actor, id, Action.WITHDRAW, State.WITHDRAWN, reason);
    }

    /** Takes a published opening off the portal, the open API and the CKAN and DCAT endpoints at once. */
    @Transactional
    public Result<Opening> unpublish(Actor actor, long id, String reason) {
        return end(actor, id, Action.UNPUBLISH, State.UNPUBLISHED, reason);
    }

    // ------------------------------------------------------------------ the bureau's steps

    /**
     * Publishes an opening in review, after assessing the current data again: if it no longer passes, the opening goes
     * back to {@code BLOCKED} and the approval is refused with {@code OPENDATA_BLOCKED}.
     */
    @Transactional
    public Result<Opening> approve(Actor actor, long id, String note, String requestId) {
        var step = step(actor, id, Action.APPROVE);
        if (!step.succeeded()) return step;
        var opening = step.value();
        var resource = catalog.get(Actor.system(0), opening.resourceCode());
        if (!resource.succeeded()) return Result.failure(resource.problem());
        if (resource.value().status() != ResourceStatus.PUBLISHED)
            return Result.failure(Problem.conflict("OPENDATA_RESOURCE_NOT_PUBLISHED", opening.resourceCode()));
        var assessed = assessAndStore(id, resource.value(), rules(opening.fields()), opening.quasiIdentifiers(), opening.k(), actor, requestId);
        if (!assessed.succeeded()) return rollback(assessed.problem());
        if (!assessed.value().passes()) {
            setState(id, State.BLOCKED);
            event(id, Action.REASSESS, opening.state(), State.BLOCKED, actor, null);
            return Result.failure(Problem.conflict("OPENDATA_BLOCKED", opening.resourceCode()));
        }
        update("update opendata_opening set state = 'PUBLISHED', published_at = now(), updated_at = now() where id = ?", id);
        event(id, Action.APPROVE, opening.state(), State.PUBLISHED, actor, blankToNull(note));
        return Result.ok(load(id).orElseThrow());
    }

    /** Sends an opening in review back to the department; the reasons are required. */
    @Transactional
    public Result<Opening> sendBack(Actor actor, long id, String reason) {
        if (blankToNull(reason) == null) return reasonRequired();
        var step = step(actor, id, Action.RETURN);
        if (!step.succeeded()) return step;
        setState(id, State.RETURNED);
        event(id, Action.RETURN, step.value().state(), State.RETURNED, actor, reason.strip());
        return Result.ok(load(id).orElseThrow());
    }

    /**
     * Assesses an opening that is not ended again, on the current data, by its department or the bureau: a blocked
     * one that now passes goes to review, one in review or published that now fails goes back to {@code BLOCKED}.
     */
    @Transactional
    public Result<Opening> reassess(Actor actor, long id, String requestId) {
        var found = locked(actor, id);
        if (!found.succeeded()) return found;
        var opening = found.value();
        if (!policy.canProposeOpeningsOf(actor, opening.providerId()) && !policy.canReviewOpenings(actor))
            return AccessPolicy.denied("opening " + id);
        if (!Action.REASSESS.allowedFrom(opening.state()))
            return Result.failure(Problem.conflict("OPENDATA_WRONG_STATE", opening.state().name(), Action.REASSESS.name()));
        return reassess(opening, actor, requestId);
    }

    /** Assessed again by the platform, for the listeners. */
    private Result<Opening> reassess(Opening opening, String requestId) {
        return reassess(opening, Actor.system(opening.providerId()), requestId);
    }

    private Result<Opening> reassess(Opening opening, Actor actor, String requestId) {
        var resource = catalog.get(Actor.system(0), opening.resourceCode());
        if (!resource.succeeded()) return Result.failure(resource.problem());
        var assessed = assessAndStore(opening.id(), resource.value(), rules(opening.fields()), opening.quasiIdentifiers(), opening.k(),
                actor, requestId);
        if (!assessed.succeeded()) return Result.failure(assessed.problem()); // nothing was written
        State to = switch (opening.state()) {
            case BLOCKED -> assessed.value().passes() ? State.IN_REVIEW : State.BLOCKED;
            case IN_REVIEW, PUBLISHED -> assessed.value().passes() ? opening.state() : State.BLOCKED;
            default -> opening.state();
        };
        if (to != opening.state()) {
            setState(opening.id(), to);
            event(opening.id(), Action.REASSESS, opening.state(), to, actor, null);
        }
        return Result.ok(load(opening.id()).orElseThrow());
    }

    /**
     * New data for an opening in review or public: assessed again by the platform once the version is committed. Until
     * then the public read path refuses the unassessed version ({@link OpenData}); an assessment that cannot run at all
     * blocks the opening rather than leave it public (fail closed).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DatasetVersionCommitted committed) {
        afresh(committed.resourceId(), "v" + committed.version(), (opening, resource) ->
                opening.state() == State.PUBLISHED || opening.state() == State.IN_REVIEW ? reassess(opening, null) : null);
    }

    /**
     * A change of the catalog entry: retired, the opening ends (unpublished if public, else withdrawn); 不予开放 now, it
     * ends too; otherwise an opening in review or public is assessed again, since fields, types or sensitivities may
     * have changed.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ResourceChanged changed) {
        afresh(changed.resourceId(), "catalog change", (opening, resource) -> {
            boolean retired = resource.status() == ResourceStatus.RETIRED;
            if (retired || resource.metadata().openType() == OpenType.CLOSED) {
                boolean published = opening.state() == State.PUBLISHED;
                State to = published ? State.UNPUBLISHED : State.WITHDRAWN;
                update("update opendata_opening set state = ?, ended_at = now(), updated_at = now() where id = ?", to.name(), opening.id());
                event(opening.id(), published ? Action.UNPUBLISH : Action.WITHDRAW, opening.state(), to, Actor.system(opening.providerId()),
                        retired ? "资源已废止 / the resource was retired" : "目录改为不予开放 / the catalog no longer allows opening");
                return null;
            }
            return opening.state() == State.PUBLISHED || opening.state() == State.IN_REVIEW ? reassess(opening, null) : null;
        });
    }

    /**
     * Runs {@code step} on the resource's live opening in a transaction of its own (the triggering one has committed).
     * When the step fails, or throws, the opening is blocked in another: nobody reads what could not be assessed.
     */
    private void afresh(long resourceId, String what, java.util.function.BiFunction<Opening, Resource, Result<Opening>> step) {
        var template = new org.springframework.transaction.support.TransactionTemplate(transactions);
        template.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Opening[] seen = {null};
        Problem failed;
        try {
            failed = template.execute(status -> {
                var live = db.sql(SELECT + " where resource_id = ? and state not in ('UNPUBLISHED', 'WITHDRAWN') for update")
                        .param(resourceId).query(this::opening).optional();
                var resource = catalog.get(Actor.system(0), resourceId);
                if (live.isEmpty() || !resource.succeeded()) return null;
                seen[0] = live.get();
                var result = step.apply(live.get(), resource.value());
                if (result == null || result.succeeded()) return null;
                block(live.get(), what + ": " + result.problem().code());
                return result.problem();
            });
        } catch (RuntimeException e) {
            log.warn("opening of resource {}: {} could not be handled; blocking it", resourceId, what, e);
            if (seen[0] != null) template.executeWithoutResult(status -> block(seen[0], what + ": " + e.getClass().getSimpleName()));
            return;
        }
        if (failed != null) log.warn("opening of resource {}: {} could not be assessed ({}); blocked", resourceId, what, failed.code());
    }

    private void block(Opening opening, String note) {
        setState(opening.id(), State.BLOCKED);
        event(opening.id(), Action.REASSESS, opening.state(), State.BLOCKED, Actor.system(opening.providerId()), note);
    }

    // ------------------------------------------------------------------ reading

    public Result<Opening> get(Actor actor, long id) {
        var found = load(id).filter(o -> policy.canSeeOpeningsOf(actor, o.providerId()));
        return found.map(Result::ok).orElseGet(() -> Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", id)));
    }

    /** The openings the actor may see, newest first, optionally of one state. */
    public List<Opening> list(Actor actor, State state) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (!policy.canSeeAllDepartments(actor)) {
            where.add("provider_id = ?");
            params.add(actor.departmentId());
        }
        if (state != null) {
            where.add("state = ?");
            params.add(state.name());
        }
        return db.sql(SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by id desc limit 500")
                .params(params).query(this::opening).list().stream().filter(o -> policy.canSeeOpeningsOf(actor, o.providerId())).toList();
    }

    public Result<List<Opening.Event>> history(Actor actor, long id) {
        var found = get(actor, id);
        if (!found.succeeded()) return Result.failure(found.problem());
        return Result.ok(db.sql("""
                        select action, from_state, to_state, actor, actor_department_code, at, note
                        from opendata_opening_event where opening_id = ? order by id""").param(id)
                .query((rs, n) -> new Opening.Event(Action.valueOf(rs.getString(1)),
                        rs.getString(2) == null ? null : State.valueOf(rs.getString(2)), State.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class), rs.getString(7)))
                .list());
    }

    /**
     * The published openings at one moment, without their assessments: newest first, by resource code, the codes (one
     * set, the same instance while nothing changes, so searches can keep what they derive from it), the data version
     * each opening's assessment covered, and when each opening last changed, by opening id. An opening changes whenever
     * its dataset does: a catalog change or new data has the platform assess it again.
     */
    public record Published(List<Opening> newestFirst, Map<String, Opening> byCode, java.util.Set<String> codes,
                            Map<Long, Integer> assessedVersions, Map<Long, java.time.OffsetDateTime> updatedAt) {}

    /**
     * What is public now, as the public read path and the searches read it on every request: remembered for a moment
     * ({@code citydata.opendata.published-ttl}). Every change of an opening on this node is seen by the next request
     * (unpublishing is immediate); one made on another node within that time.
     */
    public Published published() {
        return published.get();
    }

    /** The published openings as last read, with the fingerprint of the rows they were read from. */
    private record Read(String fingerprint, Published published) {}

    private volatile Read lastRead;

    /**
     * Reads the published openings only when a fingerprint of their rows (ids, update times, assessed versions) changed:
     * thousands of rows are not read and parsed every few seconds to find nothing new, and an unchanged set stays the
     * same instance, so what searches derived from it still holds.
     */
    private Published readPublished() {
        String fingerprint = db.sql("""
                        select count(*) || ':' || coalesce(sum(hashtextextended(id || ':' || updated_at || ':' || coalesce(assessed_version, -1), 0)), 0)
                        from opendata_opening where state = 'PUBLISHED'""").query(String.class).single();
        var last = lastRead;
        if (last != null && last.fingerprint().equals(fingerprint)) return last.published();
        var newestFirst = new java.util.ArrayList<Opening>();
        var assessed = new java.util.HashMap<Long, Integer>();
        var updatedAt = new java.util.HashMap<Long, java.time.OffsetDateTime>();
        db.sql(SELECT_LIGHT + " where state = 'PUBLISHED' order by published_at desc, id desc")
                .query(rs -> {
                    var o = opening(rs, 0);
                    newestFirst.add(o);
                    int version = rs.getInt("assessed_version");
                    if (!rs.wasNull()) assessed.put(o.id(), version);
                    updatedAt.put(o.id(), rs.getObject("updated_at", java.time.OffsetDateTime.class));
                });
        var byCode = new LinkedHashMap<String, Opening>();
        newestFirst.forEach(o -> byCode.put(o.resourceCode(), o));
        var published = new Published(List.copyOf(newestFirst), java.util.Collections.unmodifiableMap(byCode),
                java.util.Set.copyOf(byCode.keySet()), Map.copyOf(assessed), Map.copyOf(updatedAt));
        // rows changed after the fingerprint was taken are read too, and change the next fingerprint: read again then
        lastRead = new Read(fingerprint, published);
        return published;
    }

    /** The published opening of a resource, as {@link #published()} holds it. */
    public Optional<Opening> published(String resourceCode) {
        return Optional.ofNullable(published().byCode().get(resourceCode));
    }

    /** How many published openings each providing department has, by department id. */
    public Map<Long, Long> publishedPerProvider() {
        return published().newestFirst().stream().collect(java.util.stream.Collectors.groupingBy(Opening::providerId,
                java.util.stream.Collectors.counting()));
    }

    // ------------------------------------------------------------------ the parts

    private record Checked(Map<String, Masking> fields, List<String> quasiIdentifiers, int k, Licence licence, String condition) {
        String[] names() {
            return fields.keySet().toArray(String[]::new);
        }

        String[] maskings() {
            return fields.values().stream().map(Masking::text).toArray(String[]::new);
        }
    }

    /** The form against the resource's fields: each opened field known, its rule valid and fitting its type; the rest. */
    private Result<Checked> check(OpeningForm form, Resource resource) {
        var violations = new ArrayList<Violation>();
        var catalogFields = resource.metadata().fields();
        var byName = new LinkedHashMap<String, FieldSpec>();
        catalogFields.forEach(f -> byName.put(f.name(), f));
        if (form.fields().isEmpty()) violations.add(Violation.of("fields", "required"));
        form.fields().keySet().stream().filter(n -> !byName.containsKey(n))
                .forEach(n -> violations.add(Violation.of("fields." + n, "opendata.unknown_field", n)));
        var fields = new LinkedHashMap<String, Masking>();
        for (var field : catalogFields) { // catalog order, whatever order the form used
            if (!form.fields().containsKey(field.name())) continue;
            String text = form.fields().get(field.name());
            var rule = Masking.parse(text == null ? "" : text.strip());
            if (!rule.succeeded()) violations.add(Violation.of("fields." + field.name(), "opendata.bad_masking", text));
            else if (!MaskingChoices.fits(rule.value(), ValueKind.valueOf(field.type().name())))
                violations.add(Violation.of("fields." + field.name(), "opendata.masking_does_not_fit", text, field.type().name()));
            else fields.put(field.name(), rule.value());
        }
        var quasi = form.quasiIdentifiers().stream().map(String::strip).filter(q -> !q.isEmpty()).distinct().toList();
        quasi.stream().filter(q -> !form.fields().containsKey(q))
                .forEach(q -> violations.add(Violation.of("quasiIdentifiers", "opendata.quasi_not_opened", q)));
        int k = form.k() == null ? defaultK : form.k();
        if (k < 2 || k > 1000) violations.add(Violation.of("k", "opendata.k_range", k));
        var licence = form.licence() == null || form.licence().isBlank() ? Optional.of(Licence.CC_BY_4_0) : Licence.of(form.licence());
        if (licence.isEmpty()) violations.add(Violation.of("licence", "opendata.unknown_licence", form.licence()));
        String condition = blankToNull(form.openCondition());
        if (condition == null) condition = blankToNull(resource.metadata().openCondition());
        if (condition != null && condition.length() > 500) violations.add(Violation.of("openCondition", "too_long", 500));
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_OPENING", violations));
        return Result.ok(new Checked(fields, quasi, k, licence.get(), condition));
    }

    private Result<RiskAssessment> assessAndStore(long id, Resource resource, Map<String, Masking> fields, List<String> quasi, int k,
                                                  Actor actor, String requestId) {
        var assessed = assessor.assess(resource, fields, quasi, k, id, actor, requestId);
        if (assessed.succeeded())
            update("update opendata_opening set assessment = ?::jsonb, assessed_version = ?, updated_at = now() where id = ?",
                    json.writeValueAsString(assessed.value()), assessed.value().version(), id);
        return assessed;
    }

    private Result<Opening> end(Actor actor, long id, Action action, State to, String reason) {
        if (blankToNull(reason) == null) return reasonRequired();
        var step = step(actor, id, action);
        if (!step.succeeded()) return step;
        update("update opendata_opening set state = ?, ended_at = now(), updated_at = now() where id = ?", to.name(), id);
        event(id, action, step.value().state(), to, actor, reason.strip());
        return Result.ok(load(id).orElseThrow());
    }

    /** The opening, locked, if the actor may see it, may take this step, and the step is allowed from its state. */
    private Result<Opening> step(Actor actor, long id, Action action) {
        var found = locked(actor, id);
        if (!found.succeeded()) return found;
        var opening = found.value();
        boolean provider = policy.canProposeOpeningsOf(actor, opening.providerId());
        boolean bureau = policy.canReviewOpenings(actor);
        boolean mine = switch (action.party) {
            case PROVIDER -> provider;
            case BUREAU -> bureau;
            case EITHER -> provider || bureau;
            case PLATFORM -> actor.kind() == Actor.Kind.SYSTEM;
        };
        if (!mine) return AccessPolicy.denied("opening " + id + ": " + action.name());
        if (!action.allowedFrom(opening.state()))
            return Result.failure(Problem.conflict("OPENDATA_WRONG_STATE", opening.state().name(), action.name()));
        return found;
    }

    private Result<Opening> locked(Actor actor, long id) {
        var found = db.sql(SELECT + " where id = ? for update").param(id).query(this::opening).optional()
                .filter(o -> policy.canSeeOpeningsOf(actor, o.providerId()));
        return found.map(Result::ok).orElseGet(() -> Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", id)));
    }

    private Optional<Opening> live(long resourceId) {
        return db.sql(SELECT + " where resource_id = ? and state not in ('UNPUBLISHED', 'WITHDRAWN')").param(resourceId)
                .query(this::opening).optional();
    }

    private Optional<Opening> load(long id) {
        return db.sql(SELECT + " where id = ?").param(id).query(this::opening).optional();
    }

    /** Every write of an opening goes through here: what is public may have changed. */
    private void update(String sql, Object... params) {
        db.sql(sql).params(params).update();
        published.forget();
    }

    private void setState(long id, State state) {
        update("update opendata_opening set state = ?, updated_at = now() where id = ?", state.name(), id);
    }

    private void event(long id, Action action, State from, State to, Actor actor, String note) {
        String department = actor.kind() == Actor.Kind.SYSTEM ? null
                : departments.find(actor.departmentId()).map(org.citydata.identity.Department::code).orElse(null);
        db.sql("""
                        insert into opendata_opening_event (opening_id, action, from_state, to_state, actor, actor_department_code, note)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, action.name(), from == null ? null : from.name(), to.name(), actor.signature(), department, note).update();
    }

    static Map<String, Masking> rules(Map<String, String> fields) {
        var rules = new LinkedHashMap<String, Masking>();
        fields.forEach((name, text) -> rules.put(name, Masking.parse(text).value()));
        return rules;
    }

    private Opening opening(ResultSet rs, int n) throws SQLException {
        var names = (String[]) rs.getArray("field_names").getArray();
        var maskings = (String[]) rs.getArray("field_maskings").getArray();
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < names.length; i++) fields.put(names[i], maskings[i]);
        String assessment = rs.getString("assessment");
        return new Opening(rs.getLong("id"), rs.getLong("resource_id"), rs.getString("resource_code"), rs.getLong("provider_id"),
                OpenType.valueOf(rs.getString("open_type")), rs.getString("open_condition"), rs.getString("licence"), fields,
                Arrays.asList((String[]) rs.getArray("quasi_identifiers").getArray()), rs.getInt("k"),
                State.valueOf(rs.getString("state")),
                assessment == null ? null : json.readValue(assessment, RiskAssessment.class),
                rs.getString("proposed_by"), rs.getObject("proposed_at", java.time.OffsetDateTime.class),
                rs.getObject("published_at", java.time.OffsetDateTime.class), rs.getObject("ended_at", java.time.OffsetDateTime.class));
    }

    private static <T> Result<T> rollback(Problem problem) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return Result.failure(problem);
    }

    private static <T> Result<T> reasonRequired() {
        return Result.failure(Problem.invalid("OPENDATA_REASON_REQUIRED", List.of(Violation.of("reason", "required"))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
