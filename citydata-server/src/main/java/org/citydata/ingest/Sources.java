package org.citydata.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.catalog.UpdateCycle;
import org.citydata.datastore.LoadMode;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.ingest.internal.SourceHosts;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.platform.crypto.SecretBox;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resource's sources: where its rows come from (uploads, a database, an API), how they load (replace, append,
 * upsert), how source columns map to catalog fields, and when they sync. The provider's editors manage them; auditors
 * and the bureau see them. Passwords and tokens are sealed by {@link SecretBox} and never shown back.
 */
@Service
@EnableConfigurationProperties(Sources.Schedules.class)
public class Sources {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final Pattern SELECT = Pattern.compile("(?is)\\s*(select|with)\\b.*");
    static final String FILE_SOURCE = "文件上传";

    /** {@code citydata.ingest.schedules}: the cron each update cycle syncs on unless a source gives its own. */
    @ConfigurationProperties("citydata.ingest")
    public record Schedules(Map<UpdateCycle, String> schedules) {
        public Schedules {
            schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
        }
    }

    private final JdbcClient db;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final SecretBox secrets;
    private final SourceHosts hosts;
    private final JsonMapper json;
    private final Schedules schedules;

    Sources(JdbcClient db, Catalog catalog, AccessPolicy policy, SecretBox secrets, SourceHosts hosts, JsonMapper json,
            Schedules schedules) {
        this.db = db;
        this.catalog = catalog;
        this.policy = policy;
        this.secrets = secrets;
        this.hosts = hosts;
        this.json = json;
        this.schedules = schedules;
    }

    // ------------------------------------------------------------------ reading

    public Result<List<Source>> list(Actor actor, String resourceCode) {
        var resource = viewable(actor, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        return Result.ok(db.sql("select * from ingest_source where resource_id = ? order by id").param(resource.value().id())
                .query((rs, n) -> map(rs, resource.value())).list());
    }

    public Result<Source> get(Actor actor, long sourceId) {
        var row = db.sql("select resource_id from ingest_source where id = ?").param(sourceId).query(Long.class).optional();
        var resource = row.map(id -> catalog.get(actor, id));
        if (resource.isEmpty() || !resource.get().succeeded() || !policy.canSeeLoadsOf(actor, resource.get().value().providerId()))
            return Result.failure(Problem.notFound("INGEST_SOURCE_NOT_FOUND", sourceId));
        return Result.ok(load(sourceId, resource.get().value()));
    }

    /** The resource's upload source, whose mapping and mode uploads use, if one was set up. */
    public Optional<Source> fileSource(Resource resource) {
        return db.sql("select * from ingest_source where resource_id = ? and kind = 'FILE' order by id limit 1")
                .param(resource.id()).query((rs, n) -> map(rs, resource)).optional();
    }

    // ------------------------------------------------------------------ writing

    @Transactional
    public Result<Source> create(Actor actor, String resourceCode, SourceForm form) {
        var resource = editable(actor, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        var invalid = validate(form, resource.value(), true);
        if (invalid.isPresent()) return Result.failure(invalid.get());
        if (form.kind() == SourceKind.FILE && fileSource(resource.value()).isPresent())
            return Result.failure(Problem.conflict("INGEST_FILE_SOURCE_EXISTS", resourceCode));
        if (nameTaken(resource.value().id(), form.name().strip(), null))
            return Result.failure(Problem.conflict("INGEST_SOURCE_NAME_TAKEN", form.name().strip()));
        long id = db.sql("""
                insert into ingest_source (resource_id, kind, name, load_mode, mapping, settings, secret, scheduled, cron,
                                           next_run_at, created_by)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?) returning id""")
                .params(resource.value().id(), form.kind().name(), form.name().strip(), mode(form).name(),
                        json.writeValueAsString(mapping(form)), settingsJson(form),
                        form.secret() == null || form.secret().isEmpty() ? null : secrets.seal(form.secret()),
                        Boolean.TRUE.equals(form.scheduled()), blankToNull(form.cron()), nextRun(form, resource.value()), actor.signature())
                .query(Long.class).single();
        return Result.ok(load(id, resource.value()));
    }

    @Transactional
    public Result<Source> update(Actor actor, long sourceId, SourceForm form) {
        var existing = get(actor, sourceId);
        if (!existing.succeeded()) return existing;
        var resource = catalog.get(actor, existing.value().resourceId()).value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("source " + sourceId);
        if (form.kind() != null && form.kind() != existing.value().kind())
            return Result.failure(Problem.invalid("INGEST_INVALID_SOURCE", List.of(Violation.of("kind", "source.kind.fixed"))));
        var complete = new SourceForm(existing.value().kind(), form.name(), form.mode(), form.mapping(), form.jdbc(), form.http(),
                form.secret(), Boolean.TRUE.equals(form.scheduled()), form.cron());
        var invalid = validate(complete, resource, existing.value().secretSet() && complete.secret() == null);
        if (invalid.isPresent()) return Result.failure(invalid.get());
        if (nameTaken(resource.id(), complete.name().strip(), sourceId))
            return Result.failure(Problem.conflict("INGEST_SOURCE_NAME_TAKEN", complete.name().strip()));
        // a changed place or query starts incremental sync over; a changed password alone does not
        boolean samePlace = java.util.Objects.equals(existing.value().jdbc(), complete.jdbc())
                && java.util.Objects.equals(existing.value().http(), complete.http());
        db.sql("""
                update ingest_source set name = ?, load_mode = ?, mapping = ?::jsonb, settings = ?::jsonb,
                       secret = case when ? then secret when ? then null else ? end, scheduled = ?, cron = ?, next_run_at = ?,
                       watermark = case when ? then watermark else null end, updated_at = now()
                where id = ?""")
                .params(complete.name().strip(), mode(complete).name(), json.writeValueAsString(mapping(complete)), settingsJson(complete),
                        complete.secret() == null, "".equals(complete.secret()),
                        complete.secret() == null || complete.secret().isEmpty() ? null : secrets.seal(complete.secret()),
                        Boolean.TRUE.equals(complete.scheduled()), blankToNull(complete.cron()), nextRun(complete, resource), samePlace, sourceId)
                .update();
        return Result.ok(load(sourceId, resource));
    }

    /** Saves how an upload's columns map to fields (from the console after a mismatch), creating the upload source. */
    @Transactional
    public Result<Source> saveFileMapping(Actor actor, String resourceCode, Map<String, String> mapping) {
        var resource = editable(actor, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        var existing = fileSource(resource.value());
        if (existing.isEmpty())
            return create(actor, resourceCode, new SourceForm(SourceKind.FILE, FILE_SOURCE, LoadMode.REPLACE, mapping, null, null, null, false, null));
        var s = existing.get();
        return update(actor, s.id(), new SourceForm(SourceKind.FILE, s.name(), s.mode(), mapping, null, null, null, false, null));
    }

    @Transactional
    public Result<Void> delete(Actor actor, long sourceId) {
        var existing = get(actor, sourceId);
        if (!existing.succeeded()) return Result.failure(existing.problem());
        var resource = catalog.get(actor, existing.value().resourceId()).value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("source " + sourceId);
        db.sql("delete from ingest_source where id = ?").param(sourceId).update();
        return Result.ok(null);
    }

    // ------------------------------------------------------------------ for sync

    /** The sealed secret, opened: only the sync itself asks. */
    String secret(long sourceId) {
        byte[] box = db.sql("select secret from ingest_source where id = ?").param(sourceId).query(byte[].class).optional().orElse(null);
        return box == null ? null : secrets.open(box);
    }

    void watermark(long sourceId, String watermark) {
        db.sql("update ingest_source set watermark = ? where id = ?").params(watermark, sourceId).update();
    }

    /**
     * Claims the sources whose time has come and moves each one's next run on, in one statement per source, so two
     * platform nodes never start the same sync (the row lock is skipped by the other).
     */
    @Transactional
    List<Long> claimDue() {
        var due = db.sql("select id, resource_id, cron from ingest_source where scheduled and next_run_at <= now() for update skip locked")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3)}).list();
        var claimed = new ArrayList<Long>();
        for (var row : due) {
            var resource = catalog.get(Actor.system(0), (Long) row[1]);
            var cron = resource.succeeded() ? effectiveCron((String) row[2], resource.value().metadata().updateCycle()) : Optional.<String>empty();
            db.sql("update ingest_source set next_run_at = ? where id = ?").params(cron.map(Sources::next).orElse(null), row[0]).update();
            claimed.add((Long) row[0]);
        }
        return claimed;
    }

    // ------------------------------------------------------------------ rules

    private Result<Resource> viewable(Actor actor, String code) {
        var found = catalog.get(actor, code);
        if (!found.succeeded()) return found;
        if (!policy.canSeeLoadsOf(actor, found.value().providerId())) return AccessPolicy.denied("sources of " + code);
        return found;
    }

    private Result<Resource> editable(Actor actor, String code) {
        var found = catalog.get(actor, code);
        if (!found.succeeded()) return found;
        if (!policy.canEditResourcesOf(actor, found.value().providerId())) return AccessPolicy.denied("sources of " + code);
        return found;
    }

    private Optional<Problem> validate(SourceForm form, Resource resource, boolean secretKept) {
        var v = new ArrayList<Violation>();
        if (form.kind() == null) return Optional.of(Problem.invalid("INGEST_INVALID_SOURCE", List.of(Violation.of("kind", "required"))));
        if (form.name() == null || form.name().isBlank()) v.add(Violation.of("name", "required"));
        else if (form.name().strip().length() > 100) v.add(Violation.of("name", "too_long", 100));
        var names = resource.metadata().fields().stream().map(FieldSpec::name).toList();
        mapping(form).forEach((column, field) -> {
            if (!field.isBlank() && !names.contains(field)) v.add(Violation.of("mapping." + column, "source.mapping.field", field));
        });
        if (mode(form) == LoadMode.UPSERT && resource.metadata().fields().stream().noneMatch(FieldSpec::key))
            v.add(Violation.of("mode", "source.mode.key"));
        Problem place = null;
        switch (form.kind()) {
            case FILE -> {
                if (form.jdbc() != null || form.http() != null) v.add(Violation.of("kind", "source.file.settings"));
            }
            case JDBC -> {
                var s = form.jdbc();
                if (s == null || s.url() == null || s.url().isBlank()) v.add(Violation.of("jdbc.url", "required"));
                else place = hosts.checkJdbc(s.url()).orElse(null);
                if (s != null) {
                    boolean table = s.table() != null && !s.table().isBlank(), query = s.query() != null && !s.query().isBlank();
                    if (table == query) v.add(Violation.of("jdbc.table", "source.jdbc.table-or-query"));
                    if (table && !TABLE.matcher(s.table().strip()).matches()) v.add(Violation.of("jdbc.table", "source.identifier"));
                    if (query && (!SELECT.matcher(s.query()).matches() || s.query().contains(";")))
                        v.add(Violation.of("jdbc.query", "source.jdbc.select"));
                    if (s.watermarkColumn() != null && !s.watermarkColumn().isBlank()) {
                        if (!IDENTIFIER.matcher(s.watermarkColumn().strip()).matches()) v.add(Violation.of("jdbc.watermarkColumn", "source.identifier"));
                        if (mode(form) == LoadMode.REPLACE) v.add(Violation.of("mode", "source.incremental.mode"));
                    }
                }
            }
            case HTTP -> {
                var s = form.http();
                if (s == null || s.url() == null || s.url().isBlank()) v.add(Violation.of("http.url", "required"));
                else place = hosts.checkHttp(s.url()).orElse(null);
                if (s != null && (s.pageSize() < 1 || s.pageSize() > 10_000)) v.add(Violation.of("http.pageSize", "range", 1, 10_000));
                if (s != null && !s.itemsPath().isEmpty() && !s.itemsPath().startsWith("/")) v.add(Violation.of("http.itemsPath", "source.http.pointer"));
            }
        }
        if (form.cron() != null && !form.cron().isBlank() && !CronExpression.isValidExpression(form.cron().strip()))
            v.add(Violation.of("cron", "source.cron", form.cron()));
        if (Boolean.TRUE.equals(form.scheduled()) && form.kind() == SourceKind.FILE) v.add(Violation.of("scheduled", "source.file.schedule"));
        else if (Boolean.TRUE.equals(form.scheduled()) && effectiveCron(form.cron(), resource.metadata().updateCycle()).isEmpty())
            v.add(Violation.of("cron", "source.cron.required"));
        if (!v.isEmpty()) return Optional.of(Problem.invalid("INGEST_INVALID_SOURCE", v));
        return Optional.ofNullable(place);
    }

    /** The cron a source syncs on: its own, else its resource's update cycle's; empty for irregular resources. */
    Optional<String> effectiveCron(String cron, UpdateCycle cycle) {
        if (cron != null && !cron.isBlank()) return Optional.of(cron.strip());
        return Optional.ofNullable(cycle == null ? null : schedules.schedules().get(cycle));
    }

    private static OffsetDateTime next(String cron) {
        var at = CronExpression.parse(cron).next(ZonedDateTime.now());
        return at == null ? null : at.toOffsetDateTime();
    }

    private OffsetDateTime nextRun(SourceForm form, Resource resource) {
        if (!Boolean.TRUE.equals(form.scheduled())) return null;
        return effectiveCron(form.cron(), resource.metadata().updateCycle()).map(Sources::next).orElse(null);
    }

    private boolean nameTaken(long resourceId, String name, Long except) {
        return db.sql("select count(*) from ingest_source where resource_id = ? and name = ? and id <> ?")
                .params(resourceId, name, except == null ? -1 : except).query(Long.class).single() > 0;
    }

    private static LoadMode mode(SourceForm form) {
        return form.mode() == null ? LoadMode.REPLACE : form.mode();
    }

    private static Map<String, String> mapping(SourceForm form) {
        var clean = new LinkedHashMap<String, String>();
        if (form.mapping() != null) form.mapping().forEach((k, v) -> {
            if (k != null && !k.isBlank()) clean.put(k.strip(), v == null ? "" : v.strip());
        });
        return clean;
    }

    private String settingsJson(SourceForm form) {
        return switch (form.kind()) {
            case FILE -> "{}";
            case JDBC -> json.writeValueAsString(form.jdbc());
            case HTTP -> json.writeValueAsString(form.http());
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Source load(long id, Resource resource) {
        return db.sql("select * from ingest_source where id = ?").param(id).query((rs, n) -> map(rs, resource)).single();
    }

    private Source map(ResultSet rs, Resource resource) throws SQLException {
        var kind = SourceKind.valueOf(rs.getString("kind"));
        String settings = rs.getString("settings");
        String cron = rs.getString("cron");
        return new Source(rs.getLong("id"), rs.getLong("resource_id"), kind, rs.getString("name"),
                LoadMode.valueOf(rs.getString("load_mode")),
                json.readValue(rs.getString("mapping"), new TypeReference<LinkedHashMap<String, String>>() {}),
                kind == SourceKind.JDBC ? json.readValue(settings, JdbcSettings.class) : null,
                kind == SourceKind.HTTP ? json.readValue(settings, HttpSettings.class) : null,
                rs.getBytes("secret") != null, rs.getBoolean("scheduled"), cron,
                effectiveCron(cron, resource.metadata().updateCycle()).orElse(null),
                rs.getObject("next_run_at", OffsetDateTime.class), rs.getString("watermark"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
