package org.citydata.datastore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.citydata.audit.AccessLog;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.AccessRecord.Action;
import org.citydata.audit.AccessRecord.Outcome;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.Resource;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.privacy.SensitivityDefaults;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.platform.cache.KeptAnswers;
import org.citydata.platform.cache.RecentReads;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where each resource's rows live. A load writes a new version table with COPY; {@link #commit} indexes it, counts
 * what changed, and switches readers to it in one transaction, so a load that fails or is killed leaves the previous
 * version in place. {@link #read} (a page) and {@link #prepareExport} (a whole download) are the one way rows leave:
 * they check the reader, read, and record the read. No other code reads the dataset tables.
 */
@Service
public class Datastore {

    private final JdbcClient db;
    private final DataSource dataSource;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final int keepVersions;
    private final ApplicationEventPublisher events;
    private final AccessLog accessLog;
    private final Masker masker;
    /** The version each resource's readers see: read by every request of the access path, changed only by a commit. */
    private final RecentReads<Long, Optional<DatasetVersion>> currentVersions;
    /** Filtered totals by version, filter and values: a committed version's table never changes, so they stay true. */
    private final KeptAnswers<Counted, Long> totals;

    private record Counted(long versionId, String where, List<Object> params) {}

    Datastore(JdbcClient db, DataSource dataSource, Catalog catalog, AccessPolicy policy,
              @Value("${citydata.datastore.keep-versions:3}") int keepVersions, ApplicationEventPublisher events,
              AccessLog accessLog, Masker masker,
              @Value("${citydata.datastore.current-version-ttl:PT2S}") Duration currentVersionTtl,
              @Value("${citydata.datastore.kept-totals:10000}") int keptTotals) {
        this.currentVersions = new RecentReads<>(currentVersionTtl);
        this.totals = new KeptAnswers<>(keptTotals);
        this.events = events;
        this.accessLog = accessLog;
        this.masker = masker;
        this.db = db;
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.policy = policy;
        this.keepVersions = keepVersions;
    }

    // ------------------------------------------------------------------ writing

    /** Creates the next version's empty table, typed after the catalog's fields. */
    @Transactional
    public VersionLoad begin(long resourceId, List<FieldSpec> fields) {
        return begin(resourceId, fields, LoadMode.REPLACE);
    }

    /**
     * Creates the next version's empty table. The load's rows go into it; with APPEND or UPSERT, {@link #commit} then
     * adds the current version's rows (all of them, or those whose key the load did not bring).
     */
    @Transactional
    public VersionLoad begin(long resourceId, List<FieldSpec> fields, LoadMode mode) {
        int version = db.sql("select coalesce(max(version), 0) + 1 from datastore_version where resource_id = ?")
                .param(resourceId).query(Integer.class).single();
        String table = "r" + resourceId + "_v" + version;
        String columns = fields.stream().map(f -> quote(f.name()) + " " + sqlType(f.type())).collect(Collectors.joining(", "));
        db.sql("create table dataset." + table + " (" + columns + ")").update();
        long id = db.sql("insert into datastore_version (resource_id, version, table_name, status) values (?, ?, ?, 'LOADING') returning id")
                .params(resourceId, version, table).query(Long.class).single();
        return new VersionLoad(id, resourceId, version, table, List.copyOf(fields), mode);
    }

    /** Streams CSV rows (no header, fields in the load's order, already checked and normalised) into the table. */
    public long copyIn(VersionLoad load, Reader csv) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            String columns = load.fields().stream().map(f -> quote(f.name())).collect(Collectors.joining(", "));
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy dataset." + load.tableName() + " (" + columns + ") from stdin with (format csv)", csv);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + load.tableName() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Makes the load the version readers see. Fails (and leaves the previous version in place) with
     * {@code DATASTORE_DUPLICATE_KEY} when two rows share a key, {@code DATASTORE_NO_KEY} when UPSERT has no key
     * fields to match on, {@code DATASTORE_LAYOUT_CHANGED} when APPEND/UPSERT meet a current version of other fields.
     * An upsert that adds and changes nothing answers the current version and makes none.
     */
    @Transactional
    public Result<DatasetVersion> commit(VersionLoad load) {
        var keys = load.fields().stream().filter(FieldSpec::key).map(f -> quote(f.name())).toList();
        String table = "dataset." + load.tableName();
        var previous = current(load.resourceId());
        boolean merge = load.mode() != LoadMode.REPLACE && previous.isPresent();
        if (load.mode() == LoadMode.UPSERT && keys.isEmpty()) return Result.failure(Problem.conflict("DATASTORE_NO_KEY"));
        if (merge && !sameColumns(previous.get(), load))
            return Result.failure(Problem.conflict("DATASTORE_LAYOUT_CHANGED", previous.get().version()));
        Diff diff = null;
        if (merge) {
            String old = "dataset." + previous.get().tableName();
            if (load.mode() == LoadMode.UPSERT) {
                var duplicate = duplicateKey(table, keys);
                if (duplicate.isPresent()) return Result.failure(Problem.conflict("DATASTORE_DUPLICATE_KEY", duplicate.get()));
                diff = upsertDiff(table, old, keys); // counted on the load's own rows, against the old version's key index
                if (diff.added() == 0 && diff.changed() == 0) return Result.ok(unchanged(load, previous.get()));
                db.sql("insert into " + table + " select o.* from " + old + " o where not exists (select 1 from " + table + " n where " + on(keys) + ")").update();
            } else {
                diff = new Diff(count(table), 0, 0);
                db.sql("insert into " + table + " select * from " + old).update();
            }
        }
        if (!keys.isEmpty()) {
            try { // building the unique index is the duplicate check: one pass over the rows, not two
                db.sql("create unique index on " + table + " (" + String.join(", ", keys) + ")").update();
            } catch (DuplicateKeyException e) {
                TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
                return Result.failure(Problem.conflict("DATASTORE_DUPLICATE_KEY", duplicatedKey(e)));
            }
        }
        long rows = count(table);
        if (diff == null) diff = replaceDiff(table, rows, previous, load, keys);
        db.sql("analyze " + table).update();
        db.sql("update datastore_version set status = 'COMMITTED', load_mode = ?, row_count = ?, added = ?, changed = ?, removed = ?, committed_at = now() where id = ?")
                .params(load.mode().name(), rows, diff.added(), diff.changed(), diff.removed(), load.versionId()).update();
        db.sql("insert into datastore_current (resource_id, version_id) values (?, ?) on conflict (resource_id) do update set version_id = excluded.version_id")
                .params(load.resourceId(), load.versionId()).update();
        currentVersions.forget(load.resourceId());
        prune(load.resourceId());
        events.publishEvent(new DatasetVersionCommitted(load.resourceId(), load.versionId(), load.version()));
        return Result.ok(version(load.versionId()));
    }

    /** A load that changes nothing makes no version: its table goes and readers keep the one they have. */
    private DatasetVersion unchanged(VersionLoad load, DatasetVersion current) {
        db.sql("drop table " + "dataset." + load.tableName()).update();
        db.sql("delete from datastore_version where id = ?").param(load.versionId()).update();
        return current;
    }

    /**
     * Whether rows n and o differ, column by column: as row constructors, since a bare {@code n} would name a field
     * called n, not the row.
     */
    private static final String DIFFERENT_ROWS = "row(n.*) is distinct from row(o.*)";

    /** What a load changed: rows whose key is new, rows whose key was there with other values, keys gone. */
    private record Diff(long added, long changed, long removed) {}

    private Diff upsertDiff(String table, String old, List<String> keys) {
        String on = on(keys);
        long changed = db.sql("select count(*) from " + table + " n join " + old + " o on " + on + " where " + DIFFERENT_ROWS).query(Long.class).single();
        long matched = db.sql("select count(*) from " + table + " n where exists (select 1 from " + old + " o where " + on + ")").query(Long.class).single();
        return new Diff(count(table) - matched, changed, 0);
    }

    private Diff replaceDiff(String table, long rows, Optional<DatasetVersion> previous, VersionLoad load, List<String> keys) {
        if (previous.isEmpty()) return new Diff(rows, 0, 0);
        if (keys.isEmpty() || !sameColumns(previous.get(), load))
            return new Diff(rows, 0, previous.get().rowCount() == null ? 0 : previous.get().rowCount());
        String old = "dataset." + previous.get().tableName();
        String on = on(keys);
        return new Diff(
                db.sql("select count(*) from " + table + " n where not exists (select 1 from " + old + " o where " + on + ")").query(Long.class).single(),
                db.sql("select count(*) from " + table + " n join " + old + " o on " + on + " where " + DIFFERENT_ROWS).query(Long.class).single(),
                db.sql("select count(*) from " + old + " o where not exists (select 1 from " + table + " n where " + on + ")").query(Long.class).single());
    }

    private long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The key PostgreSQL names in "Key (a, b)=(x, y) is duplicated.", as x/y. */
    private static String duplicatedKey(DuplicateKeyException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getDetail() != null) {
                var m = java.util.regex.Pattern.compile("\\)=\\((.*)\\) ").matcher(p.getServerErrorMessage().getDetail());
                if (m.find()) return m.group(1).replace(", ", "/");
            }
        }
        return "?";
    }

    private Optional<String> duplicateKey(String table, List<String> keys) {
        return db.sql("select " + String.join(" || '/' || ", keys.stream().map(k -> "coalesce(" + k + "::text, '')").toList())
                + " from " + table + " group by " + String.join(", ", keys) + " having count(*) > 1 limit 1")
                .query(String.class).optional();
    }

    private static String on(List<String> keys) {
        return keys.stream().map(k -> "n." + k + " = o." + k).collect(Collectors.joining(" and "));
    }

    /** Throws a load away: its table goes, its version is marked failed; the version readers see is untouched. */
    @Transactional
    public void abandon(VersionLoad load) {
        db.sql("drop table if exists dataset." + load.tableName()).update();
        db.sql("update datastore_version set status = 'FAILED' where id = ?").param(load.versionId()).update();
    }

    /** Keeps the last N committed versions' tables; older ones are dropped, their records kept. */
    private void prune(long resourceId) {
        var old = db.sql("select id, table_name from datastore_version where resource_id = ? and status = 'COMMITTED' order by version desc offset ?")
                .params(resourceId, keepVersions).query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).list();
        for (var row : old) {
            db.sql("drop table if exists dataset." + row[1]).update();
            db.sql("update datastore_version set status = 'DROPPED' where id = ?").param(row[0]).update();
        }
    }

    // ------------------------------------------------------------------ reading

    public List<DatasetVersion> versions(long resourceId) {
        return db.sql("select * from datastore_version where resource_id = ? order by version desc").param(resourceId)
                .query(DatasetVersion.class).list();
    }

    /** Each resource's current version. */
    private static final String CURRENT = "select v.* from datastore_current c join datastore_version v on v.id = c.version_id";

    public Optional<DatasetVersion> current(long resourceId) {
        return db.sql(CURRENT + " where c.resource_id = ?")
                .param(resourceId).query(DatasetVersion.class).optional();
    }

    /**
     * {@link #current}, as the access path reads it: remembered for a moment. Readers on another node see a new version
     * within {@code citydata.datastore.current-version-ttl}, reading the previous one meanwhile (it is kept). No data
     * yet is remembered too: the ids come from the catalog, not from requests.
     */
    public Optional<DatasetVersion> readableVersion(long resourceId) {
        return currentVersions.get(resourceId, id -> Optional.of(current(id))).flatMap(v -> v);
    }

    /** {@link #current} for many resources with one query, those without data left out: read now, not remembered. */
    public Map<Long, DatasetVersion> current(Collection<Long> resourceIds) {
        var versions = new HashMap<Long, DatasetVersion>();
        if (resourceIds.isEmpty()) return versions;
        db.sql(CURRENT + " where c.resource_id = any(?)").param(resourceIds.toArray(Long[]::new)).query(DatasetVersion.class).list()
                .forEach(v -> versions.put(v.resourceId(), v));
        return versions;
    }

    /**
     * The access path for a page: whether the terms allow the read, what they ask (fields, filters, order) checked
     * against the catalog and the terms, a page of the current version's rows masked as the terms say, and an access
     * record durably stored before the rows are handed back: when the record cannot be written, nothing is read
     * ({@code AUDIT_UNAVAILABLE}). Refusals are recorded too. {@code total} counts the rows that match when there are
     * filters; otherwise it is the version's row count.
     */
    public Result<RowPage> read(ReadTerms terms, RowQuery query) {
        return page(terms, query, Action.READ);
    }

    /**
     * The row whose key is {@code key}, through the same path as {@link #read}: a page of at most one row, recorded
     * as a lookup. Only for resources with exactly one key field ({@code DATASTORE_NO_SINGLE_KEY} otherwise); under a
     * grant the key field must be granted, as for any filter.
     */
    public Result<RowPage> lookup(ReadTerms terms, String resourceCode, List<String> fields, String key) {
        var resource = resource(terms, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        var keys = resource.value().metadata().fields().stream().filter(FieldSpec::key).toList();
        if (keys.size() != 1) return Result.failure(Problem.conflict("DATASTORE_NO_SINGLE_KEY", resourceCode));
        var query = new RowQuery(resourceCode, fields, List.of(new RowFilter(keys.get(0).name(), RowFilter.Op.EQ, key)), List.of(), 0, 1);
        return page(terms, query, Action.LOOKUP, resource);
    }

    private Result<RowPage> page(ReadTerms terms, RowQuery query, Action action) {
        return page(terms, query, action, resource(terms, query.resourceCode()));
    }

    /** The resource as the reader may see it; under a grant, as the platform sees it (the grant says what may be read). */
    private Result<Resource> resource(ReadTerms terms, String code) {
        return catalog.get(terms.underGrant() ? Actor.system(0) : terms.actor(), code);
    }

    private Result<RowPage> page(ReadTerms terms, RowQuery query, Action action, Result<Resource> resource) {
        var found = target(terms, query, action == Action.READ, resource);
        if (!found.succeeded()) return refused(terms, query, action, found.problem());
        var target = found.value();
        var selection = target.selection();
        int safeSize = Math.min(Math.max(query.size(), 1), 500);
        int safePage = Math.max(query.page(), 0);
        var params = new ArrayList<Object>(selection.params());
        // a lookup matches at most one row (the key's unique index), so it needs no limit
        boolean lookup = action == Action.LOOKUP;
        if (!lookup) {
            params.add(safeSize);
            params.add((long) safePage * safeSize);
        }
        var fields = selection.fields();
        var subjectFields = subjectFields(target.resource());
        var subjects = new ArrayList<String>();
        var columns = new ArrayList<String>(List.of(selection.columns()));
        subjectFields.forEach(f -> columns.add(quote(f.name())));
        var masks = target.masks();
        var rows = db.sql("select " + String.join(", ", columns) + " from dataset." + target.version().tableName()
                        + selection.where() + selection.orderBy() + (lookup ? "" : " limit ? offset ?"))
                .params(params)
                .query((rs, n) -> {
                    var row = new ArrayList<Object>(fields.size());
                    for (int i = 0; i < fields.size(); i++) row.add(masked(masks[i], value(rs, i + 1, fields.get(i).type()), fields.get(i)));
                    for (int i = 0; i < subjectFields.size(); i++) {
                        String subject = rs.getString(fields.size() + i + 1);
                        if (subject != null) subjects.add(subject);
                    }
                    return (List<Object>) row;
                }).list();
        long total = lookup ? rows.size() : matching(target);
        var recorded = accessLog.append(record(terms, target, action, selection.names(), criteria(query), (long) rows.size(), subjects));
        if (!recorded.succeeded()) return Result.failure(recorded.problem());
        return Result.ok(new RowPage(target.version().version(), selection.names(), rows, total, safePage, safeSize));
    }

    /**
     * How many rows share each combination of the fields' values, over the whole current version, the values as text
     * and masked as the terms say (combinations a masking makes equal are counted together). For privacy checks such
     * as k-anonymity that need the data's shape rather than its rows; recorded as a scan, with the rows counted.
     */
    public Result<List<ValueGroup>> groups(ReadTerms terms, String resourceCode, List<String> fields) {
        if (fields.isEmpty()) return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_UNKNOWN_FIELD", ""));
        var query = new RowQuery(resourceCode, fields, List.of(), List.of(), 0, 1);
        var found = target(terms, query, false);
        if (!found.succeeded()) return refused(terms, query, Action.SCAN, found.problem());
        var target = found.value();
        var selection = target.selection();
        var chosen = selection.fields();
        var masks = target.masks();
        var counts = new java.util.LinkedHashMap<List<String>, Long>();
        db.sql("select " + selection.columns() + ", count(*) from dataset." + target.version().tableName()
                        + " group by " + selection.columns())
                .query(rs -> {
                    var values = new ArrayList<String>(chosen.size());
                    for (int i = 0; i < chosen.size(); i++) {
                        Object v = masked(masks[i], value(rs, i + 1, chosen.get(i).type()), chosen.get(i));
                        values.add(v == null ? null : RowWriter.text(v));
                    }
                    counts.merge(values, rs.getLong(chosen.size() + 1), Long::sum);
                });
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        var recorded = accessLog.append(record(terms, target, Action.SCAN, selection.names(), "group by", rows, List.of()));
        if (!recorded.succeeded()) return Result.failure(recorded.problem());
        var groups = new ArrayList<ValueGroup>(counts.size());
        counts.forEach((values, n) -> groups.add(new ValueGroup(java.util.Collections.unmodifiableList(values), n)));
        return Result.ok(groups);
    }

    /**
     * The change feed: the rows added or changed since version {@code since} (op {@code upsert}, the whole row as the
     * terms allow) and the keys removed (op {@code delete}, only the key fields filled), in key order, a page at a
     * time; recorded like any read. Needs key fields ({@code DATASTORE_NO_KEY}) and the old version still kept
     * ({@code DATASTORE_VERSION_GONE}, 410: read the whole data again and follow from the current version).
     */
    public Result<ChangePage> changes(ReadTerms terms, String resourceCode, int since, int page, int size) {
        var query = RowQuery.page(resourceCode, null, page, size);
        var found = target(terms, query, true);
        if (!found.succeeded()) return refused(terms, query, Action.CHANGES, found.problem());
        var target = found.value();
        var current = target.version();
        var catalogFields = target.resource().metadata().fields();
        var keys = catalogFields.stream().filter(FieldSpec::key).toList();
        if (keys.isEmpty()) return Result.failure(Problem.conflict("DATASTORE_FEED_NO_KEY", resourceCode));
        var missingKeys = keys.stream().map(FieldSpec::name).filter(k -> !target.selection().names().contains(k)).toList();
        if (!missingKeys.isEmpty()) // a change nobody can match to a row is no use: the feed needs its key
            return refused(terms, query, Action.CHANGES, Problem.forbidden("DATASTORE_FIELD_NOT_GRANTED", String.join(", ", missingKeys)));
        int safeSize = Math.min(Math.max(size, 1), 1000);
        int safePage = Math.max(page, 0);
        var fields = target.selection().fields();
        if (since >= current.version())
            return Result.ok(new ChangePage(since, current.version(), target.selection().names(), List.of(), false));
        var old = versions(target.resource().id()).stream()
                .filter(v -> v.version() == since && "COMMITTED".equals(v.status())).findFirst();
        if (old.isEmpty()) return Result.failure(Problem.of(Problem.Kind.GONE, "DATASTORE_VERSION_GONE", since, resourceCode));
        if (!columnsOf(old.get().tableName()).equals(columnsOf(current.tableName())))
            return Result.failure(Problem.of(Problem.Kind.GONE, "DATASTORE_FEED_LAYOUT_CHANGED", since, resourceCode));
        var subjectFields = subjectFields(target.resource());
        var on = keys.stream().map(k -> "n." + quote(k.name()) + " = o." + quote(k.name())).collect(Collectors.joining(" and "));
        var upserted = new ArrayList<String>(List.of("'upsert' as op"));
        var deleted = new ArrayList<String>(List.of("'delete'"));
        var selected = new ArrayList<FieldSpec>(fields);
        selected.addAll(subjectFields);
        for (int i = 0; i < selected.size(); i++) { // numbered columns: a subject field may also be a selected one
            var f = selected.get(i);
            upserted.add("n." + quote(f.name()) + " as c" + i);
            deleted.add(f.key() ? "o." + quote(f.name()) : "null::" + sqlType(f.type()));
        }
        String newTable = "dataset." + current.tableName(), oldTable = "dataset." + old.get().tableName();
        String sql = "select * from (select " + String.join(", ", upserted) + " from " + newTable + " n where not exists (select 1 from "
                + oldTable + " o where " + on + " and not " + DIFFERENT_ROWS + ") union all select " + String.join(", ", deleted)
                + " from " + oldTable + " o where not exists (select 1 from " + newTable + " n where " + on + ")) c order by "
                + keys.stream().map(k -> "c.c" + fields.indexOf(k)).collect(Collectors.joining(", ")) + ", op limit ? offset ?";
        var masks = target.masks();
        var subjects = new ArrayList<String>();
        var changes = db.sql(sql).params(safeSize + 1, (long) safePage * safeSize).query((rs, n) -> {
            var values = new ArrayList<Object>(fields.size());
            for (int i = 0; i < fields.size(); i++) values.add(masked(masks[i], value(rs, i + 2, fields.get(i).type()), fields.get(i)));
            for (int i = 0; i < subjectFields.size(); i++) {
                String subject = rs.getString(fields.size() + i + 2);
                if (subject != null) subjects.add(subject);
            }
            return new ChangePage.Change(rs.getString(1), values);
        }).list();
        boolean more = changes.size() > safeSize;
        var pageOfChanges = more ? changes.subList(0, safeSize) : changes;
        var recorded = accessLog.append(record(terms, target, Action.CHANGES, target.selection().names(), "since=" + since,
                (long) pageOfChanges.size(), subjects));
        if (!recorded.succeeded()) return Result.failure(recorded.problem());
        return Result.ok(new ChangePage(since, current.version(), target.selection().names(), List.copyOf(pageOfChanges), more));
    }

    private List<String> columnsOf(String table) {
        return db.sql("select column_name || ' ' || data_type from information_schema.columns where table_schema = 'dataset' and table_name = ? order by ordinal_position")
                .param(table).query(String.class).list();
    }

    /**
     * The access path for a whole download: the same checks as {@link #read}, done now, so a refusal comes before the
     * first byte, and a record of the export's start, stored before any row is read. XLSX holds at most
     * {@link ExportFormat#XLSX_MAX_ROWS} rows: more fail here with {@code DATASTORE_EXPORT_TOO_LARGE}. Rows are in
     * stored order unless the query sorts them.
     */
    public Result<Export> prepareExport(ReadTerms terms, RowQuery query, ExportFormat format) {
        return prepareExport(terms, query, format, Long.MAX_VALUE);
    }

    /**
     * As {@link #prepareExport(ReadTerms, RowQuery, ExportFormat)}, refused ({@code DATASTORE_EXPORT_OVER_QUOTA}) when
     * more than {@code rowLimit} rows match: a quota is enforced before the download, since a file cut short looks
     * complete. Counting a filtered export scans the table once more.
     */
    public Result<Export> prepareExport(ReadTerms terms, RowQuery query, ExportFormat format, long rowLimit) {
        var found = target(terms, query, false);
        if (!found.succeeded()) return refused(terms, query, Action.EXPORT, found.problem());
        var target = found.value();
        long limit = format == ExportFormat.XLSX ? Math.min(rowLimit, ExportFormat.XLSX_MAX_ROWS) : rowLimit;
        Long rows = null;
        if (limit < Long.MAX_VALUE) {
            rows = matching(target);
            if (rows > ExportFormat.XLSX_MAX_ROWS && format == ExportFormat.XLSX)
                return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_EXPORT_TOO_LARGE", rows, ExportFormat.XLSX_MAX_ROWS));
            if (rows > rowLimit)
                return refused(terms, query, Action.EXPORT, Problem.of(Problem.Kind.TOO_MANY, "DATASTORE_EXPORT_OVER_QUOTA", rows, rowLimit));
        }
        var started = accessLog.append(record(terms, target, Action.EXPORT, target.selection().names(), criteria(query), null, List.of()));
        if (!started.succeeded()) return Result.failure(started.problem());
        return Result.ok(new Export(this, terms, target.resource(), target.version(), target.selection(), target.masks(), rows,
                criteria(query), format));
    }

    /** Checks, then streams every matching row of the current version to {@code out}; the number of rows written. */
    public Result<Long> export(ReadTerms terms, RowQuery query, ExportFormat format, OutputStream out) throws IOException {
        var prepared = prepareExport(terms, query, format);
        if (!prepared.succeeded()) return Result.failure(prepared.problem());
        return Result.ok(prepared.value().writeTo(out));
    }

    /**
     * Streams an export, then records its end with the rows written, also when the client went away midway. Runs on its
     * own connection, outside any transaction of the caller (the web layer calls it from the response's writer thread).
     * A CSV whose every field's mask PostgreSQL can apply is written by PostgreSQL ({@link CopyExport}); anything else
     * is read with a server-side cursor and masked and written here. Memory stays flat either way.
     */
    long stream(Export export, OutputStream out) throws IOException {
        return stream(export, out, true);
    }

    /** As {@link #stream(Export, OutputStream)}; {@code inDatabase} false keeps to the Java path (for the parity test). */
    long stream(Export export, OutputStream out, boolean inDatabase) throws IOException {
        var selection = export.selection;
        String table = "dataset." + export.version.tableName();
        var fields = selection.fields();
        long[] rows = {0}; // what was written, also when the client went away midway
        var copy = inDatabase ? copyPlan(export) : Optional.<CopyExport.Statement>empty();
        try (var connection = dataSource.getConnection()) {
            if (copy.isPresent()) {
                CopyExport.stream(connection.unwrap(PGConnection.class), copy.get(), fields, out, rows);
                return rows[0];
            }
            // PgJDBC fetches fetchSize rows at a time only inside a transaction; with autocommit it reads the whole result into memory
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement("select " + selection.columns() + " from " + table
                    + selection.where() + selection.orderBy())) {
                statement.setFetchSize(10_000);
                for (int i = 0; i < selection.params().size(); i++) statement.setObject(i + 1, selection.params().get(i));
                try (var rs = statement.executeQuery();
                     var writer = RowWriter.open(export.format, out, fields, export.resource.code())) {
                    pipe(rs, fields, export.masks, export.format == ExportFormat.CSV, writer, rows);
                    writer.finish();
                }
            } finally {
                connection.rollback(); // only read: nothing to keep
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export of " + table + " failed: " + e.getMessage(), e);
        } finally {
            var target = new Target(export.resource, export.version, selection, export.masks);
            accessLog.append(record(export.terms, target, Action.EXPORT_END, selection.names(), export.criteria, rows[0], List.of()));
        }
        return rows[0];
    }

    /**
     * The COPY statement that writes the export in the database, or empty when it takes the Java path: not CSV, a mask
     * without an SQL form (hash, fpe), or a database whose characters are not UTF-8 (where PostgreSQL would count the
     * bytes of a character where the Masker counts one).
     */
    Optional<String> copyStatement(Export export) {
        return copyPlan(export).map(CopyExport.Statement::sql);
    }

    private Optional<CopyExport.Statement> copyPlan(Export export) {
        if (export.format != ExportFormat.CSV || !utf8()) return Optional.empty();
        return CopyExport.statement("dataset." + export.version.tableName(), export.selection, export.masks, masker.today());
    }

    private volatile Boolean utf8;

    private boolean utf8() {
        if (utf8 == null) utf8 = "UTF8".equals(db.sql("show server_encoding").query(String.class).single());
        return utf8;
    }

    private static final int BATCH = 1_000;
    private static final Object[][] END = new Object[0][];

    /**
     * Reads rows on a second thread while this one writes them, so PostgreSQL produces the next rows while the last
     * are formatted and sent (one thread doing both leaves each side idle half the time). At most a few batches wait
     * between the two; a writer that fails (the client went away) stops the reader.
     */
    private void pipe(ResultSet rs, List<FieldSpec> fields, Masking[] masks, boolean asText, RowWriter writer, long[] written)
            throws IOException, SQLException {
        var batches = new java.util.concurrent.ArrayBlockingQueue<Object[][]>(4);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var failure = new java.util.concurrent.atomic.AtomicReference<SQLException>();
        int width = fields.size();
        var reader = new Thread(() -> {
            try {
                boolean more = true;
                while (more && !stop.get()) {
                    var batch = new Object[BATCH][];
                    int n = 0;
                    while (n < BATCH && (more = rs.next())) {
                        var values = new Object[width];
                        for (int i = 0; i < width; i++)
                            values[i] = masked(masks[i], asText ? text(rs, i + 1, fields.get(i).type()) : value(rs, i + 1, fields.get(i).type()), fields.get(i));
                        batch[n++] = values;
                    }
                    if (n > 0) hand(batches, n == BATCH ? batch : java.util.Arrays.copyOf(batch, n), stop);
                }
            } catch (SQLException e) {
                failure.set(e);
            } finally {
                hand(batches, END, stop);
            }
        }, "export-reader");
        reader.start();
        try {
            for (var batch = take(batches); batch != END; batch = take(batches)) {
                for (var values : batch) {
                    writer.row(values);
                    written[0]++;
                }
            }
        } finally {
            stop.set(true);
            batches.clear();
            joinQuietly(reader);
        }
        if (failure.get() != null) throw failure.get();
    }

    private static void hand(java.util.concurrent.BlockingQueue<Object[][]> batches, Object[][] batch, java.util.concurrent.atomic.AtomicBoolean stop) {
        try {
            while (!stop.get() && !batches.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the writer is behind: wait for room, unless it stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object[][] take(java.util.concurrent.BlockingQueue<Object[][]> batches) throws IOException {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("export interrupted");
        }
    }

    private static void joinQuietly(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A checked reader's request, against the version it will read, with the masking of each selected field. */
    record Target(Resource resource, DatasetVersion version, RowSelection selection, Masking[] masks) {}

    /**
     * Whether the terms allow the read, whether the query fits the catalog's fields and the terms, and the current
     * version; in that order, so a stranger learns nothing of the fields. Under a grant, only granted fields may be
     * chosen, filtered or sorted by, and a masked field only compared for equality: a range or substring filter on it
     * would let a reader find the hidden value by bisection.
     */
    private Result<Target> target(ReadTerms terms, RowQuery query, boolean keyOrder) {
        return target(terms, query, keyOrder, resource(terms, query.resourceCode()));
    }

    private Result<Target> target(ReadTerms terms, RowQuery query, boolean keyOrder, Result<Resource> found) {
        var actor = terms.actor();
        if (!found.succeeded()) return Result.failure(found.problem());
        var resource = found.value();
        var catalogFields = resource.metadata().fields();
        var view = new java.util.LinkedHashMap<String, Masking>();
        if (terms.underGrant()) {
            var notGranted = new ArrayList<String>();
            java.util.function.Consumer<String> granted = f -> { if (!terms.granted().containsKey(f) && !notGranted.contains(f)) notGranted.add(f); };
            query.fields().forEach(granted);
            query.filters().forEach(f -> granted.accept(f.field()));
            query.sort().forEach(s -> granted.accept(s.field()));
            if (!notGranted.isEmpty()) return Result.failure(Problem.forbidden("DATASTORE_FIELD_NOT_GRANTED", String.join(", ", notGranted)));
            for (var filter : query.filters()) {
                if (terms.granted().get(filter.field()) == Masking.CLEAR) continue;
                if (terms.filtersOnlyClear()) return Result.failure(Problem.forbidden("DATASTORE_FILTER_NOT_CLEAR", filter.field()));
                if (!filter.op().equality())
                    return Result.failure(Problem.forbidden("DATASTORE_MASKED_FILTER", filter.field(), filter.op().token()));
            }
            for (var s : query.sort())
                if (terms.granted().get(s.field()) != Masking.CLEAR)
                    return Result.failure(terms.filtersOnlyClear() ? Problem.forbidden("DATASTORE_FILTER_NOT_CLEAR", s.field())
                            : Problem.forbidden("DATASTORE_MASKED_FILTER", s.field(), "sort"));
            catalogFields.stream().filter(f -> terms.granted().containsKey(f.name())).forEach(f -> view.put(f.name(), terms.granted().get(f.name())));
        } else if (actor.kind() == Actor.Kind.SYSTEM
                || actor.kind() != Actor.Kind.PUBLIC && actor.departmentId() == resource.providerId()) {
            catalogFields.forEach(f -> view.put(f.name(), Masking.CLEAR));
        } else if (policy.canSeeAllDepartments(actor)) {
            catalogFields.forEach(f -> view.put(f.name(), defaultMasking(f)));
        } else {
            return Result.failure(Problem.forbidden("DATASTORE_NO_ACCESS", query.resourceCode()));
        }
        var visible = catalogFields.stream().filter(f -> view.containsKey(f.name())).toList();
        var narrowed = query.fields().isEmpty() ? new RowQuery(query.resourceCode(), visible.stream().map(FieldSpec::name).toList(),
                query.filters(), query.sort(), query.page(), query.size(), query.text()) : query;
        var searchable = visible.stream().filter(f -> view.get(f.name()) == Masking.CLEAR).toList();
        var selection = RowSelection.of(catalogFields, narrowed, keyOrder, searchable);
        if (!selection.succeeded()) return Result.failure(selection.problem());
        var version = readableVersion(resource.id());
        if (version.isEmpty()) return Result.failure(Problem.notFound("DATASTORE_NO_DATA", query.resourceCode()));
        var masks = selection.value().fields().stream().map(f -> view.get(f.name())).toArray(Masking[]::new);
        return Result.ok(new Target(resource, version.get(), selection.value(), masks));
    }

    /** What a field's sensitivity hides by default ({@code L1}/{@code L2} nothing; unknown levels everything). */
    public static Masking defaultMasking(FieldSpec field) {
        var rule = SensitivityDefaults.ruleFor(field.sensitivity() == null ? "L4" : field.sensitivity().name(),
                ValueKind.valueOf(field.type().name()));
        return rule.succeeded() ? rule.value() : Masking.MASK;
    }

    private Object masked(Masking rule, Object value, FieldSpec field) {
        if (rule == Masking.CLEAR || value == null) return value;
        return masker.apply(rule, RowWriter.text(value), ValueKind.valueOf(field.type().name()));
    }

    /** Identifier fields whose values name the people and companies a row is about. */
    private static List<FieldSpec> subjectFields(Resource resource) {
        return resource.metadata().fields().stream()
                .filter(f -> f.type() == FieldType.RESIDENT_ID || f.type() == FieldType.CREDIT_CODE).toList();
    }

    private static String criteria(RowQuery query) {
        var parts = new ArrayList<String>();
        if (query.text() != null) parts.add("q=" + query.text());
        query.filters().forEach(f -> parts.add(f.field() + ":" + f.op().token() + (f.value() == null ? "" : ":" + f.value())));
        if (!query.sort().isEmpty()) parts.add("sort=" + query.sort().stream().map(s -> (s.descending() ? "-" : "") + s.field()).collect(Collectors.joining(",")));
        return String.join(" ", parts);
    }

    /** A read the terms allowed, of the target's version. */
    private static AccessRecord record(ReadTerms terms, Target target, Action action, List<String> fields, String criteria,
                                       Long rows, List<String> subjects) {
        return record(terms, action, target.resource().code(), target.resource().providerId(), target.version().version(),
                fields, criteria, rows, Outcome.ALLOWED, null, subjects);
    }

    private static AccessRecord record(ReadTerms terms, Action action, String resourceCode, Long providerId, Integer version,
                                       List<String> fields, String criteria, Long rows, Outcome outcome, String problemCode,
                                       List<String> subjects) {
        var actor = terms.actor();
        return new AccessRecord(actor.signature(), actor.departmentId(), actor.kind() == Actor.Kind.APPLICATION ? actor.id() : null,
                terms.endUser(), terms.channel(), action, resourceCode, providerId, version, fields, criteria, rows,
                terms.purpose(), terms.grantId(), terms.requestId(), outcome, problemCode, subjects);
    }

    /** A refused read is recorded too (who tried what, and why it was refused); the refusal is the answer either way. */
    private <T> Result<T> refused(ReadTerms terms, RowQuery query, Action action, Problem problem) {
        if (problem.kind() == Problem.Kind.FORBIDDEN || problem.kind() == Problem.Kind.TOO_MANY
                || problem.kind() == Problem.Kind.NOT_FOUND && !problem.code().equals("DATASTORE_NO_DATA")) {
            // the provider sees attempts on its resources too, also by readers who may not see the resource
            var provider = catalog.get(Actor.system(0), query.resourceCode()).map(Resource::providerId);
            accessLog.append(record(terms, action, query.resourceCode(), provider.succeeded() ? provider.value() : null, null,
                    query.fields(), criteria(query), 0L, Outcome.DENIED, problem.code(),
                    action == Action.LOOKUP ? query.filters().stream().map(RowFilter::value).toList() : List.of()));
        }
        return Result.failure(problem);
    }

    /** The rows a query finds: counted when it filters, else the version's stored count (no scan of a large table). */
    private long matching(Target target) {
        var selection = target.selection();
        if (!selection.filtered()) return target.version().rowCount();
        var version = target.version();
        // counting is most of a filtered page's cost (every row is tested); the same filter asked again is remembered
        return totals.get(new Counted(version.id(), selection.where(), selection.params()),
                c -> db.sql("select count(*) from dataset." + version.tableName() + c.where()).params(c.params()).query(Long.class).single());
    }

    /**
     * A column's value as its field's Java type, for pages and the export writers (JSON then writes dates as
     * 1990-01-01, not as instants).
     */
    private static Object value(ResultSet rs, int column, FieldType type) throws SQLException {
        return switch (type) {
            case INTEGER -> rs.getObject(column, Long.class);
            case DECIMAL -> rs.getBigDecimal(column);
            case BOOLEAN -> rs.getObject(column, Boolean.class);
            case DATE -> rs.getObject(column, LocalDate.class);
            case TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
            case STRING, RESIDENT_ID, CREDIT_CODE, MOBILE -> rs.getString(column);
        };
    }

    /**
     * A column's value as CSV text, taken as PostgreSQL writes it rather than parsed and written again: the same text
     * {@link RowWriter#text} would make of {@link #value}, with true/false for booleans and ISO 8601's T in timestamps.
     */
    private static String text(ResultSet rs, int column, FieldType type) throws SQLException {
        String v = rs.getString(column);
        if (v == null) return null;
        return switch (type) {
            case BOOLEAN -> v.equals("t") ? "true" : "false";
            case TIMESTAMP -> v.replace(' ', 'T');
            default -> v;
        };
    }

    private DatasetVersion version(long id) {
        return db.sql("select * from datastore_version where id = ?").param(id).query(DatasetVersion.class).single();
    }

    private boolean sameColumns(DatasetVersion previous, VersionLoad load) {
        var cols = db.sql("select column_name from information_schema.columns where table_schema = 'dataset' and table_name = ? order by ordinal_position")
                .param(previous.tableName()).query(String.class).list();
        return cols.equals(load.fields().stream().map(FieldSpec::name).toList());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String sqlType(FieldType type) {
        return switch (type) {
            case STRING, RESIDENT_ID, CREDIT_CODE, MOBILE -> "text";
            case INTEGER -> "bigint";
            case DECIMAL -> "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
        };
    }
}
