package org.citydata.quality;

import static org.citydata.quality.ItemHolders.PLATFORM;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citydata.catalog.AuthoritativeItem;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.Resource;
import org.citydata.datastore.Comparison;
import org.citydata.datastore.Datastore;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 多元校核: a data item's authoritative resource compared with each resource declared to hold it, by the identifier
 * both are keyed on. Each comparison is kept as a run with its counts and its first conflicts, and both departments
 * (with the bureau and auditors) see it; nobody else does.
 */
@Service
public class CrossCheck {

    private static final Logger log = LoggerFactory.getLogger(CrossCheck.class);

    /** Keys that name the same person or company in any department's data. */
    static final Set<FieldType> IDENTIFIERS = EnumSet.of(FieldType.RESIDENT_ID, FieldType.CREDIT_CODE, FieldType.MOBILE);

    public record ConflictPage(CrossCheckRun run, List<Conflict> conflicts, long total, int page, int size) {}

    /** The key fields a comparison joins on, one of each side. */
    record KeyPair(String authoritative, String other) {}

    /** One comparison to make: the item's source and one holder, and the keys they share. */
    private record Plan(AuthoritativeItem item, Resource source, Resource holder, String holderField, KeyPair keys) {}

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ItemHolders holders;
    private final Catalog catalog;
    private final Datastore datastore;
    private final Comparison comparison;
    private final Departments departments;
    private final AccessPolicy policy;
    private final int keepConflicts;

    CrossCheck(JdbcClient db, JdbcTemplate jdbc, TransactionTemplate tx, ItemHolders holders, Catalog catalog,
               Datastore datastore, Comparison comparison, Departments departments, AccessPolicy policy,
               @Value("${citydata.quality.cross-check.keep-conflicts:1000}") int keepConflicts) {
        this.db = db;
        this.jdbc = jdbc;
        this.tx = tx;
        this.holders = holders;
        this.catalog = catalog;
        this.datastore = datastore;
        this.comparison = comparison;
        this.departments = departments;
        this.policy = policy;
        this.keepConflicts = keepConflicts;
    }

    // ------------------------------------------------------------------ running

    /**
     * Checks an item against its holders: all of them for the source's editors and the bureau, the department's own
     * for a holder's editors; {@code holderCode} narrows to one. Every pair is checked for a common key and data
     * before any is compared, so a request either compares all it names or says why not.
     */
    public Result<List<CrossCheckRun>> run(Actor actor, String item, String holderCode) {
        if (item == null || item.isBlank()) return Result.failure(Problem.of(Problem.Kind.INVALID, "REQUEST_MISSING_PARAMETER", "item"));
        var source = holders.source(item);
        if (source.isEmpty()) return Result.failure(Problem.notFound("QUALITY_ITEM_NOT_DECLARED", String.valueOf(item)));
        var sourceResource = catalog.get(PLATFORM, source.get().resourceCode()).value();
        boolean mayRunAll = policy.canEditResourcesOf(actor, sourceResource.providerId());
        var named = holders.stored(item).stream()
                .map(h -> Map.entry(catalog.get(PLATFORM, h.resourceId()).value(), h.field()))
                .filter(h -> holderCode == null || holderCode.isBlank() || h.getKey().code().equals(holderCode))
                .toList();
        var allowed = named.stream().filter(h -> mayRunAll || policy.canEditResourcesOf(actor, h.getKey().providerId())).toList();
        if (!mayRunAll && allowed.isEmpty()) return AccessPolicy.denied("cross-check of " + item);
        if (allowed.isEmpty()) return Result.failure(Problem.conflict("QUALITY_NO_HOLDER", item));

        var plans = new ArrayList<Plan>();
        for (var h : allowed) {
            var holder = h.getKey();
            var keys = commonKey(sourceResource.metadata().fields(), holder.metadata().fields());
            if (keys.isEmpty())
                return Result.failure(Problem.conflict("QUALITY_NO_COMMON_KEY", item, sourceResource.code(), holder.code()));
            for (var r : List.of(sourceResource, holder))
                if (datastore.current(r.id()).isEmpty())
                    return Result.failure(Problem.conflict("QUALITY_NO_DATA", item, r.code(), r.metadata().name()));
            plans.add(new Plan(source.get(), sourceResource, holder, h.getValue(), keys.get()));
        }
        var runs = new ArrayList<CrossCheckRun>();
        for (var plan : plans) {
            var compared = comparison.compare(actor,
                    new Comparison.Side(plan.source().id(), plan.keys().authoritative(), plan.item().field()),
                    new Comparison.Side(plan.holder().id(), plan.keys().other(), plan.holderField()),
                    keepConflicts, "cross-check item " + item);
            if (!compared.succeeded()) return Result.failure(compared.problem());
            runs.add(find(store(actor, plan, compared.value())));
        }
        return Result.ok(runs);
    }

    /**
     * The pair of key fields to join on: one identifier type, and each resource's whole key, because a comparison
     * needs one row per key on each side (a partial key would pair a row with many).
     */
    static Optional<KeyPair> commonKey(List<FieldSpec> authoritative, List<FieldSpec> other) {
        var a = authoritative.stream().filter(FieldSpec::key).toList();
        var b = other.stream().filter(FieldSpec::key).toList();
        if (a.size() != 1 || b.size() != 1) return Optional.empty();
        var x = a.get(0);
        var y = b.get(0);
        return IDENTIFIERS.contains(x.type()) && x.type() == y.type() ? Optional.of(new KeyPair(x.name(), y.name())) : Optional.empty();
    }

    private long store(Actor actor, Plan plan, Comparison.Outcome outcome) {
        return tx.execute(status -> {
            long id = db.sql("""
                    insert into quality_crosscheck_run (item, item_label,
                        authoritative_resource_id, authoritative_resource_code, authoritative_resource_name, authoritative_department_id,
                        authoritative_field, authoritative_key, authoritative_version_id, authoritative_version,
                        other_resource_id, other_resource_code, other_resource_name, other_department_id,
                        other_field, other_key, other_version_id, other_version,
                        compared, conflicts, only_in_authoritative, only_in_other, listed, run_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(plan.item().item(), plan.item().label(),
                            plan.source().id(), plan.source().code(), plan.source().metadata().name(), plan.source().providerId(),
                            plan.item().field(), plan.keys().authoritative(), outcome.versionA().id(), outcome.versionA().version(),
                            plan.holder().id(), plan.holder().code(), plan.holder().metadata().name(), plan.holder().providerId(),
                            plan.holderField(), plan.keys().other(), outcome.versionB().id(), outcome.versionB().version(),
                            outcome.compared(), outcome.conflicts(), outcome.onlyInA(), outcome.onlyInB(),
                            outcome.firstConflicts().size(), actor.signature())
                    .query(Long.class).single();
            var conflicts = outcome.firstConflicts();
            var rows = new ArrayList<Object[]>(conflicts.size());
            for (int i = 0; i < conflicts.size(); i++)
                rows.add(new Object[] {id, i + 1, conflicts.get(i).key(), conflicts.get(i).valueA(), conflicts.get(i).valueB()});
            jdbc.batchUpdate("insert into quality_conflict (run_id, position, key_value, authoritative_value, other_value) values (?, ?, ?, ?, ?)", rows);
            return id;
        });
    }

    /**
     * Checks again each declared pair whose data changed since its last check, or that was never checked, as the
     * platform; called after each new data version commits (see {@code RecheckOnNewData}).
     */
    public int recheckChanged() {
        int runs = 0;
        for (var h : holders.stored(null)) {
            var source = holders.source(h.item());
            if (source.isEmpty()) continue;
            var sourceResource = catalog.get(PLATFORM, source.get().resourceCode()).value();
            var sourceVersion = datastore.current(sourceResource.id());
            var holderVersion = datastore.current(h.resourceId());
            if (sourceVersion.isEmpty() || holderVersion.isEmpty()) continue;
            var last = db.sql("""
                    select authoritative_resource_id, authoritative_version_id, other_version_id from quality_crosscheck_run
                    where item = ? and other_resource_id = ? order by id desc limit 1""")
                    .params(h.item(), h.resourceId())
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).optional();
            if (last.isPresent() && last.get()[0] == sourceResource.id() && last.get()[1] == sourceVersion.get().id()
                    && last.get()[2] == holderVersion.get().id()) continue;
            var holderCode = catalog.get(PLATFORM, h.resourceId()).value().code();
            var result = run(PLATFORM, h.item(), holderCode);
            if (result.succeeded()) runs += result.value().size();
            else log.debug("cross-check of {} with {} not run: {}", h.item(), holderCode, result.problem().code());
        }
        return runs;
    }

    /** The items this actor may check: of their department's source resources or holders (all for the bureau). */
    public List<String> itemsRunnableBy(Actor actor) {
        var items = new java.util.TreeSet<String>();
        for (var h : holders.stored(null)) {
            if (items.contains(h.item())) continue;
            var source = holders.source(h.item());
            if (source.isEmpty()) continue;
            var sourceProvider = catalog.get(PLATFORM, source.get().resourceCode()).value().providerId();
            var holderProvider = catalog.get(PLATFORM, h.resourceId()).value().providerId();
            if (policy.canEditResourcesOf(actor, sourceProvider) || policy.canEditResourcesOf(actor, holderProvider)) items.add(h.item());
        }
        return List.copyOf(items);
    }

    // ------------------------------------------------------------------ reading

    private static final String SELECT = "select * from quality_crosscheck_run";

    /**
     * Runs newest first: of one department (the caller's own, unless the bureau or an auditor asks for another or for
     * all), optionally of one item.
     */
    public Result<List<CrossCheckRun>> runs(Actor actor, String departmentCode, String item, int page, int size) {
        Long departmentId = null;
        if (departmentCode != null && !departmentCode.isBlank()) {
            var department = departments.findByCode(departmentCode);
            if (department.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_DEPARTMENT_NOT_FOUND", departmentCode));
            if (!policy.canSeeAllDepartments(actor) && department.get().id() != actor.departmentId())
                return AccessPolicy.denied("cross-checks of " + departmentCode);
            departmentId = department.get().id();
        } else if (!policy.canSeeAllDepartments(actor)) {
            departmentId = actor.departmentId();
        }
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (departmentId != null) {
            where.add("(authoritative_department_id = ? or other_department_id = ?)");
            params.add(departmentId);
            params.add(departmentId);
        }
        if (item != null && !item.isBlank()) {
            where.add("item = ?");
            params.add(item);
        }
        int safeSize = Math.min(Math.max(size, 1), 100);
        params.add(safeSize);
        params.add((long) Math.max(page, 0) * safeSize);
        var names = departments.byId();
        return Result.ok(db.sql(SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by id desc limit ? offset ?")
                .params(params).query((rs, n) -> map(rs, names)).list());
    }

    /** A run, if the actor may see it: a department that is not one of its two sides is told it does not exist. */
    public Result<CrossCheckRun> get(Actor actor, long id) {
        var visible = db.sql("select authoritative_department_id, other_department_id from quality_crosscheck_run where id = ?")
                .param(id).query((rs, n) -> policy.canSeeAllDepartments(actor) || rs.getLong(1) == actor.departmentId()
                        || rs.getLong(2) == actor.departmentId()).optional();
        if (visible.isEmpty() || !visible.get()) return Result.failure(Problem.notFound("QUALITY_CHECK_NOT_FOUND", id));
        return Result.ok(find(id));
    }

    public Result<ConflictPage> conflicts(Actor actor, long id, int page, int size) {
        return get(actor, id).map(run -> {
            int safeSize = Math.min(Math.max(size, 1), 500);
            int safePage = Math.max(page, 0);
            var rows = db.sql("select key_value, authoritative_value, other_value from quality_conflict where run_id = ? order by position limit ? offset ?")
                    .params(id, safeSize, (long) safePage * safeSize)
                    .query((rs, n) -> new Conflict(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            return new ConflictPage(run, rows, run.listed(), safePage, safeSize);
        });
    }

    private CrossCheckRun find(long id) {
        var names = departments.byId();
        return db.sql(SELECT + " where id = ?").param(id).query((rs, n) -> map(rs, names)).single();
    }

    private static CrossCheckRun map(java.sql.ResultSet rs, Map<Long, Department> names) throws java.sql.SQLException {
        return new CrossCheckRun(rs.getLong("id"), rs.getString("item"), rs.getString("item_label"),
                side(rs, "authoritative_", names), side(rs, "other_", names), rs.getLong("compared"), rs.getLong("conflicts"),
                rs.getLong("only_in_authoritative"), rs.getLong("only_in_other"), rs.getInt("listed"), rs.getString("run_by"),
                rs.getObject("run_at", java.time.OffsetDateTime.class));
    }

    private static CrossCheckRun.Side side(java.sql.ResultSet rs, String prefix, Map<Long, Department> names) throws java.sql.SQLException {
        var department = names.get(rs.getLong(prefix + "department_id"));
        return new CrossCheckRun.Side(rs.getString(prefix + "resource_code"), rs.getString(prefix + "resource_name"),
                rs.getString(prefix + "field"), rs.getString(prefix + "key"),
                department == null ? null : department.code(), department == null ? null : department.nameZh(),
                rs.getInt(prefix + "version"));
    }
}
