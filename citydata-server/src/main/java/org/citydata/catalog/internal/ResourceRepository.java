package org.citydata.catalog.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.platform.cache.RecentReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog's tables, in plain SQL. Department codes are resolved here so the rest speaks codes. */
@Repository
public class ResourceRepository {

    private static final String SELECT = """
            select r.*, d.code as provider_code,
                   coalesce((select array_agg(x.code order by rel.position) from catalog_relation rel
                             join catalog_resource x on x.id = rel.related_id where rel.resource_id = r.id), '{}') as related
            from catalog_resource r join identity_department d on d.id = r.provider_id""";

    /**
     * Resources read in the last seconds, by code: every read of data asks for its resource, thousands of times a
     * second on the exchange. A write here forgets its entry; a change made elsewhere (another node) shows within 30 s.
     */
    private final RecentReads<String, Resource> byCode = new RecentReads<>(Duration.ofSeconds(30));

    private final JdbcClient db;

    ResourceRepository(JdbcClient db) {
        this.db = db;
    }

    public Optional<Resource> findByCode(String code) {
        return byCode.get(code, c -> withFields(db.sql(SELECT + " where r.code = ?").param(c).query(this::map).list()).stream().findFirst());
    }

    public Optional<Resource> findById(long id) {
        return withFields(db.sql(SELECT + " where r.id = ?").param(id).query(this::map).list()).stream().findFirst();
    }

    private void evict(long id) {
        byCode.forgetValues(r -> r.id() == id);
    }

    public List<Resource> findByCodes(List<String> codes) {
        if (codes.isEmpty()) return List.of();
        return withFields(db.sql(SELECT + " where r.code = any(?::text[]) order by r.code").param(textArray(codes)).query(this::map).list());
    }

    /** A resource row read before its fields: its id, and how to finish it once they are read. */
    private record Row(long id, Function<List<FieldSpec>, Resource> withFields) {}

    /**
     * Reads the fields after the resources' result set is closed: a query inside the row mapper would hold one pooled
     * connection while asking for another, and enough concurrent readers then wait on each other until they time out.
     */
    private List<Resource> withFields(List<Row> rows) {
        if (rows.isEmpty()) return List.of();
        var byResource = new HashMap<Long, List<FieldSpec>>();
        // one query for all the rows' fields, not one per resource: a search page describes ten at once
        db.sql("select * from catalog_field where resource_id = any(?) order by resource_id, position")
                .param(rows.stream().map(Row::id).toArray(Long[]::new))
                .query(rs -> {
                    byResource.computeIfAbsent(rs.getLong("resource_id"), id -> new java.util.ArrayList<>()).add(field(rs));
                });
        return rows.stream().map(r -> r.withFields().apply(List.copyOf(byResource.getOrDefault(r.id(), List.of())))).toList();
    }

    public boolean exists(String code) {
        return db.sql("select exists(select 1 from catalog_resource where code = ?)").param(code).query(Boolean.class).single();
    }

    public Optional<Long> departmentId(String code) {
        return db.sql("select id from identity_department where code = ?").param(code).query(Long.class).optional();
    }

    /** The next free sequence for a code prefix, under a row lock so two creations never share one. */
    public int nextSequence(String prefix) {
        return db.sql("""
                insert into catalog_code_sequence (prefix, last_value) values (?, 1)
                on conflict (prefix) do update set last_value = catalog_code_sequence.last_value + 1
                returning last_value""").param(prefix).query(Integer.class).single();
    }

    public long insert(String code, long providerId, ResourceStatus status, ResourceDraft d) {
        long id = db.sql("""
                insert into catalog_resource (code, name, provider_id, summary, resource_type, theme, format, share_type,
                    share_condition, share_methods, open_type, open_condition, update_cycle, release_date, region_code,
                    tags, status, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?::text[], ?, 1) returning id""")
                .params(code, d.name().strip(), providerId, d.summary().strip(), d.resourceType().name(), d.theme().name(),
                        d.format().name(), d.shareType().name(), strip(d.shareCondition()), enumArray(d.shareMethods()),
                        d.openType().name(), strip(d.openCondition()), d.updateCycle().name(), d.releaseDate(),
                        strip(d.regionCode()), textArray(d.tags().stream().map(String::strip).toList()), status.name())
                .query(Long.class).single();
        writeChildren(id, d);
        return id;
    }

    /** Writes the new metadata only if the row is still at {@code version - 1}; false when someone else got there first. */
    public boolean update(long id, long providerId, int version, ResourceDraft d) {
        evict(id);
        int changed = db.sql("""
                update catalog_resource set name = ?, provider_id = ?, summary = ?, resource_type = ?, theme = ?, format = ?,
                    share_type = ?, share_condition = ?, share_methods = ?::text[], open_type = ?, open_condition = ?,
                    update_cycle = ?, release_date = ?, region_code = ?, tags = ?::text[], version = ?, updated_at = now()
                where id = ? and version = ?""")
                .params(d.name().strip(), providerId, d.summary().strip(), d.resourceType().name(), d.theme().name(),
                        d.format().name(), d.shareType().name(), strip(d.shareCondition()), enumArray(d.shareMethods()),
                        d.openType().name(), strip(d.openCondition()), d.updateCycle().name(), d.releaseDate(),
                        strip(d.regionCode()), textArray(d.tags().stream().map(String::strip).toList()), version, id, version - 1)
                .update();
        if (changed == 0) return false;
        db.sql("delete from catalog_field where resource_id = ?").param(id).update();
        db.sql("delete from catalog_relation where resource_id = ?").param(id).update();
        writeChildren(id, d);
        return true;
    }

    /** Like {@link #update}: false when the row is no longer at {@code version - 1}. */
    public boolean setStatus(long id, ResourceStatus status, int version, LocalDate releaseDate) {
        evict(id);
        return db.sql("update catalog_resource set status = ?, version = ?, release_date = ?, updated_at = now() where id = ? and version = ?")
                .params(status.name(), version, releaseDate, id, version - 1).update() == 1;
    }

    private void writeChildren(long id, ResourceDraft d) {
        for (int i = 0; i < d.fields().size(); i++) {
            FieldSpec f = d.fields().get(i);
            db.sql("""
                    insert into catalog_field (resource_id, position, name, label, type, length, description, sensitivity, is_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, i, f.name(), f.label().strip(), f.type().name(), f.length(), strip(f.description()),
                            f.sensitivity().name(), f.key())
                    .update();
        }
        for (int i = 0; i < d.related().size(); i++) {
            db.sql("insert into catalog_relation (resource_id, related_id, position) select ?, id, ? from catalog_resource where code = ?")
                    .params(id, i, d.related().get(i)).update();
        }
    }

    public void recordVersion(long id, int version, String changedBy, String action, String snapshotJson) {
        db.sql("insert into catalog_resource_version (resource_id, version, changed_by, action, snapshot) values (?, ?, ?, ?, ?::jsonb)")
                .params(id, version, changedBy, action, snapshotJson).update();
    }

    public record VersionRow(int version, String changedBy, OffsetDateTime changedAt, String action, String snapshot) {}

    public List<VersionRow> versions(long id) {
        return db.sql("select version, changed_by, changed_at, action, snapshot::text as snapshot from catalog_resource_version where resource_id = ? order by version desc")
                .param(id).query(VersionRow.class).list();
    }

    private static FieldSpec field(ResultSet rs) throws SQLException {
        return new FieldSpec(rs.getString("name"), rs.getString("label"), FieldType.valueOf(rs.getString("type")),
                (Integer) rs.getObject("length"), rs.getString("description"), Sensitivity.valueOf(rs.getString("sensitivity")),
                rs.getBoolean("is_key"));
    }

    public List<org.citydata.catalog.Catalog.PublishedRef> published() {
        return db.sql("select id, provider_id from catalog_resource where status = 'PUBLISHED'")
                .query((rs, n) -> new org.citydata.catalog.Catalog.PublishedRef(rs.getLong(1), rs.getLong(2))).list();
    }

    public long count() {
        return db.sql("select count(*) from catalog_resource").query(Long.class).single();
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        String name = rs.getString("name"), providerCode = rs.getString("provider_code"), summary = rs.getString("summary");
        var type = ResourceType.valueOf(rs.getString("resource_type"));
        var theme = Theme.valueOf(rs.getString("theme"));
        var format = DataFormat.valueOf(rs.getString("format"));
        var shareType = ShareType.valueOf(rs.getString("share_type"));
        String shareCondition = rs.getString("share_condition");
        var shareMethods = shareMethods(rs.getArray("share_methods"));
        var openType = OpenType.valueOf(rs.getString("open_type"));
        String openCondition = rs.getString("open_condition");
        var cycle = UpdateCycle.valueOf(rs.getString("update_cycle"));
        var releaseDate = rs.getObject("release_date", LocalDate.class);
        String region = rs.getString("region_code");
        var tags = strings(rs.getArray("tags"));
        var related = strings(rs.getArray("related"));
        String code = rs.getString("code");
        long providerId = rs.getLong("provider_id");
        var status = ResourceStatus.valueOf(rs.getString("status"));
        int version = rs.getInt("version");
        var createdAt = rs.getObject("created_at", OffsetDateTime.class);
        var updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
        return new Row(id, fields -> new Resource(id, code, providerId, status, version,
                new ResourceDraft(name, providerCode, summary, type, theme, format, shareType, shareCondition, shareMethods,
                        openType, openCondition, cycle, releaseDate, region, tags, related, fields),
                createdAt, updatedAt));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static EnumSet<ShareMethod> shareMethods(Array array) throws SQLException {
        var set = EnumSet.noneOf(ShareMethod.class);
        strings(array).forEach(s -> set.add(ShareMethod.valueOf(s)));
        return set;
    }

    private static String enumArray(java.util.Collection<? extends Enum<?>> values) {
        return textArray(values.stream().map(Enum::name).sorted().toList());
    }

    /** A PostgreSQL array literal; every element quoted so commas and braces in tags survive. */
    static String textArray(List<String> values) {
        return values.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
