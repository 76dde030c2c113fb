package org.citydata.datastore;

import java.util.HashSet;
import java.util.List;
import org.citydata.audit.AccessLog;
import org.citydata.audit.AccessRecord;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Resource;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 多元校核 at the data level: the current versions of two resources joined on a key, one value of each compared. The
 * SQL lives here because only the datastore touches dataset tables; like {@link Datastore#read} it checks the reader
 * and records a read of each resource.
 */
@Service
public class Comparison {

    /** One side of a comparison: the resource, the field that identifies a row, the field whose value is compared. */
    public record Side(long resourceId, String keyField, String valueField) {}

    /** A key held by both sides with different values (blank counts as missing). */
    public record Conflict(String key, String valueA, String valueB) {}

    /**
     * The versions compared; keys in both, how many of them disagree, keys in only one side; the first conflicts by
     * key (at most the limit asked for).
     */
    public record Outcome(DatasetVersion versionA, DatasetVersion versionB, long compared, long conflicts,
                          long onlyInA, long onlyInB, List<Conflict> firstConflicts) {}

    private final JdbcClient db;
    private final Datastore datastore;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final AccessLog accessLog;

    Comparison(JdbcClient db, Datastore datastore, Catalog catalog, AccessPolicy policy, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.db = db;
        this.datastore = datastore;
        this.catalog = catalog;
        this.policy = policy;
    }

    /**
     * Compares {@code a} with {@code b}. Allowed to the bureau, auditors, the platform itself and the providers of
     * either side: a cross-check shows each department the other's value where they disagree, by design. Fails with
     * {@code DATASTORE_NO_DATA} when a side has no current version and {@code DATASTORE_UNKNOWN_FIELD} when its
     * table lacks a field (the catalog may have gained it after the load).
     */
    @Transactional
    public Result<Outcome> compare(Actor actor, Side a, Side b, int limit, String purpose) {
        var foundA = resource(a.resourceId());
        if (!foundA.succeeded()) return Result.failure(foundA.problem());
        var foundB = resource(b.resourceId());
        if (!foundB.succeeded()) return Result.failure(foundB.problem());
        var resourceA = foundA.value();
        var resourceB = foundB.value();
        if (!policy.canSeeAllDepartments(actor) && actor.departmentId() != resourceA.providerId()
                && actor.departmentId() != resourceB.providerId())
            return Result.failure(Problem.forbidden("DATASTORE_NO_ACCESS", resourceA.code() + ", " + resourceB.code()));
        var versionA = datastore.current(a.resourceId());
        if (versionA.isEmpty()) return Result.failure(Problem.notFound("DATASTORE_NO_DATA", resourceA.code()));
        var versionB = datastore.current(b.resourceId());
        if (versionB.isEmpty()) return Result.failure(Problem.notFound("DATASTORE_NO_DATA", resourceB.code()));
        var missing = missingColumns(versionA.get(), a);
        missing.addAll(missingColumns(versionB.get(), b));
        if (!missing.isEmpty())
            return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_UNKNOWN_FIELD", String.join(", ", missing)));

        String ka = "a." + Datastore.quote(a.keyField()) + "::text", kb = "b." + Datastore.quote(b.keyField()) + "::text";
        // trimmed text, blank as missing: "张三 " and "张三" agree, a date agrees with the same date written as text
        String va = "nullif(btrim(a." + Datastore.quote(a.valueField()) + "::text), '')";
        String vb = "nullif(btrim(b." + Datastore.quote(b.valueField()) + "::text), '')";
        String from = " from dataset." + versionA.get().tableName() + " a full join dataset." + versionB.get().tableName()
                + " b on " + ka + " = " + kb;
        var counts = db.sql("select count(*) filter (where " + ka + " is not null and " + kb + " is not null),"
                        + " count(*) filter (where " + ka + " is not null and " + kb + " is not null and " + va + " is distinct from " + vb + "),"
                        + " count(*) filter (where " + kb + " is null), count(*) filter (where " + ka + " is null)" + from)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        var conflicts = db.sql("select " + ka + ", " + va + ", " + vb + " from dataset." + versionA.get().tableName()
                        + " a join dataset." + versionB.get().tableName() + " b on " + ka + " = " + kb
                        + " where " + va + " is distinct from " + vb + " order by 1 limit ?")
                .param(Math.max(limit, 0))
                .query((rs, n) -> new Conflict(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        // the rows whose values leave the datastore are the conflicts listed; the counts are aggregates
        var keys = conflicts.stream().map(Conflict::key).toList();
        var recorded = record(actor, a, resourceA, versionA.get(), keys, purpose);
        if (recorded.succeeded()) recorded = record(actor, b, resourceB, versionB.get(), keys, purpose);
        if (!recorded.succeeded()) return Result.failure(recorded.problem());
        return Result.ok(new Outcome(versionA.get(), versionB.get(), counts[0], counts[1], counts[2], counts[3], conflicts));
    }

    /** The platform's view of a resource: who provides it matters here, whether the reader may see its draft does not. */
    private Result<Resource> resource(long id) {
        return catalog.get(Actor.system(0), id);
    }

    private HashSet<String> missingColumns(DatasetVersion version, Side side) {
        var columns = new HashSet<>(db.sql("select column_name from information_schema.columns where table_schema = 'dataset' and table_name = ?")
                .param(version.tableName()).query(String.class).list());
        var missing = new HashSet<String>();
        for (String field : List.of(side.keyField(), side.valueField())) if (!columns.contains(field)) missing.add(field);
        return missing;
    }

    /** The conflicts' keys are the subjects: a person whose record disagrees between two departments can see it was read. */
    private Result<Long> record(Actor actor, Side side, Resource resource, DatasetVersion version, List<String> keys, String purpose) {
        return accessLog.append(new AccessRecord(actor.signature(), actor.departmentId(), null, null, AccessRecord.Channel.PLATFORM,
                AccessRecord.Action.COMPARE, resource.code(), resource.providerId(), version.version(),
                List.of(side.keyField(), side.valueField()), null,
                (long) keys.size(), purpose, null, null, AccessRecord.Outcome.ALLOWED, null, keys));
    }
}
