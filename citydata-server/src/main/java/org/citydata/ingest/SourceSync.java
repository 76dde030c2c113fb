package org.citydata.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Resource;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.ingest.internal.HttpRows;
import org.citydata.ingest.internal.JdbcRows;
import org.citydata.ingest.internal.Loader;
import org.citydata.ingest.internal.RowSource;
import org.citydata.ingest.internal.RunLog;
import org.citydata.ingest.internal.SourceException;
import org.citydata.ingest.internal.SourceHosts;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncs database and API sources: on demand (the console's button, the API) and on schedule. Each sync is a run like
 * an upload, through the same {@link Loader}; an incremental database sync moves the source's watermark on only when
 * its version committed, so a failed sync is simply tried again from the same place.
 */
@Service
public class SourceSync {

    private static final Logger log = LoggerFactory.getLogger(SourceSync.class);
    private static final int SAMPLE = 5;

    private final Sources sources;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final SourceHosts hosts;
    private final Loader loader;
    private final RunLog runs;
    private final TaskExecutor background;
    private final JsonMapper json;

    SourceSync(Sources sources, Catalog catalog, AccessPolicy policy, SourceHosts hosts, Loader loader, RunLog runs,
               @Qualifier("applicationTaskExecutor") TaskExecutor background, JsonMapper json) {
        this.sources = sources;
        this.catalog = catalog;
        this.policy = policy;
        this.hosts = hosts;
        this.loader = loader;
        this.runs = runs;
        this.background = background;
        this.json = json;
    }

    /** Starts a sync in the background and answers its run at once; the run record shows progress. */
    public Result<Long> start(Actor actor, long sourceId) {
        var prepared = prepare(actor, sourceId);
        if (!prepared.succeeded()) return Result.failure(prepared.problem());
        background.execute(() -> execute(prepared.value()));
        return Result.ok(prepared.value().runId());
    }

    /** Syncs now and answers when done. */
    public Result<IngestRun> syncNow(Actor actor, long sourceId) {
        var prepared = prepare(actor, sourceId);
        if (!prepared.succeeded()) return Result.failure(prepared.problem());
        return execute(prepared.value());
    }

    /** Starts every scheduled sync whose time has come (looked for every {@code citydata.ingest.schedule-check}). */
    @Scheduled(fixedDelayString = "${citydata.ingest.schedule-check:PT1M}", initialDelayString = "${citydata.ingest.schedule-check:PT1M}")
    void syncDue() {
        for (long id : sources.claimDue()) {
            var resourceId = sources.get(Actor.system(0), id).map(Source::resourceId);
            if (!resourceId.succeeded()) continue;
            var provider = catalog.get(Actor.system(0), resourceId.value()).value().providerId();
            var started = start(Actor.system(provider), id);
            if (started.succeeded()) log.info("scheduled sync of source {} started as run {}", id, started.value());
            else log.warn("scheduled sync of source {} could not start: {}", id, started.problem().code());
        }
    }

    /**
     * Connects and reads the first few rows without loading them: the console's "test connection" button. Says whether
     * the source answered, what columns it offers, and whether they fit the catalog's fields with the source's mapping.
     */
    public Result<SourceCheck> test(Actor actor, long sourceId) {
        var found = sources.get(actor, sourceId);
        if (!found.succeeded()) return Result.failure(found.problem());
        var source = found.value();
        var resource = catalog.get(actor, source.resourceId()).value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("source " + sourceId);
        if (source.kind() == SourceKind.FILE) return Result.failure(Problem.conflict("INGEST_SOURCE_NOT_SYNCABLE", sourceId));
        var place = checkPlace(source);
        if (place != null) return Result.ok(unreachable(place.code(), place.args().stream().map(String::valueOf).toList(), null));
        try {
            return Result.ok(source.kind() == SourceKind.JDBC ? testJdbc(source, resource) : testHttp(source, resource));
        } catch (SQLException e) {
            return Result.ok(unreachable("INGEST_SOURCE_UNREACHABLE", List.of(String.valueOf(e.getMessage())), e.getSQLState()));
        } catch (SourceException e) {
            return Result.ok(unreachable(e.code(), List.of(e.args()), null));
        } catch (IllegalArgumentException e) { // the stored secret does not open with this platform's key
            return Result.ok(unreachable("INGEST_SECRET_UNREADABLE", List.of(), null));
        }
    }

    private SourceCheck testJdbc(Source source, Resource resource) throws SQLException {
        try (var rows = JdbcRows.open(source.jdbc(), sources.secret(source.id()), null, source.mode(), SAMPLE)) {
            var sample = new ArrayList<List<String>>();
            rows.rows().forEachRemaining(r -> sample.add(r.values()));
            var match = Loader.match(resource.metadata().fields(), rows.columns(), source.mapping());
            return new SourceCheck(true, rows.columns(), sample, !match.isFailure(), match.code(),
                    match.isFailure() ? List.of(match.args()) : List.of(), null);
        }
    }

    private SourceCheck testHttp(Source source, Resource resource) {
        var rows = new HttpRows(source.http(), sources.secret(source.id()), json, resource.metadata().fields(), source.mapping());
        var items = rows.firstPage();
        var keys = new java.util.LinkedHashSet<String>();
        var sample = new ArrayList<List<String>>();
        for (var item : items.subList(0, Math.min(SAMPLE, items.size()))) {
            if (item.isObject()) keys.addAll(item.propertyNames());
            sample.add(List.of(item.toString()));
        }
        var missing = resource.metadata().fields().stream()
                .filter(f -> !keys.contains(f.name()) && !keys.contains(f.label()) && !source.mapping().containsValue(f.name()))
                .map(f -> f.name() + "（" + f.label() + "）").toList();
        return new SourceCheck(true, List.copyOf(keys), sample, missing.isEmpty() && !items.isEmpty(),
                missing.isEmpty() ? null : "INGEST_COLUMNS_MISMATCH", missing.isEmpty() ? List.of() : List.of(String.join("、", missing), "—"), null);
    }

    private static SourceCheck unreachable(String code, List<String> args, String detail) {
        return new SourceCheck(false, List.of(), List.of(), false, code, args, detail);
    }

    private record Prepared(long runId, Source source, Resource resource) {}

    private Result<Prepared> prepare(Actor actor, long sourceId) {
        var found = sources.get(actor, sourceId);
        if (!found.succeeded()) return Result.failure(found.problem());
        var source = found.value();
        var resource = catalog.get(actor, source.resourceId()).value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("source " + sourceId);
        if (source.kind() == SourceKind.FILE) return Result.failure(Problem.conflict("INGEST_SOURCE_NOT_SYNCABLE", sourceId));
        var place = checkPlace(source); // the allowed hosts may have changed since the source was saved
        if (place != null) return Result.failure(place);
        long runId = runs.start(resource.id(), source.id(), source.name(), actor.signature(), null, source.mode().name());
        runs.detected(runId, source.kind().name(), null);
        return Result.ok(new Prepared(runId, source, resource));
    }

    private Problem checkPlace(Source source) {
        return switch (source.kind()) {
            case JDBC -> hosts.checkJdbc(source.jdbc().url()).orElse(null);
            case HTTP -> hosts.checkHttp(source.http().url()).orElse(null);
            case FILE -> null;
        };
    }

    private Result<IngestRun> execute(Prepared p) {
        var source = p.source();
        var job = new Loader.Job(p.runId(), p.resource(), source.mode(), source.mapping(), source.watermark() != null);
        RowSource rows;
        try {
            rows = switch (source.kind()) {
                case JDBC -> JdbcRows.open(source.jdbc(), sources.secret(source.id()), source.watermark(), source.mode(), 0);
                case HTTP -> new HttpRows(source.http(), sources.secret(source.id()), json, p.resource().metadata().fields(), source.mapping());
                case FILE -> throw new IllegalStateException("not syncable");
            };
        } catch (SQLException e) {
            return loader.failBeforeStart(p.runId(), "INGEST_SOURCE_UNREACHABLE", String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return loader.failBeforeStart(p.runId(), "INGEST_SECRET_UNREADABLE");
        } catch (RuntimeException e) {
            return loader.failBeforeStart(p.runId(), "INGEST_FAILED", String.valueOf(e.getMessage()));
        }
        var result = loader.load(job, rows);
        if (result.succeeded() && rows instanceof JdbcRows jdbc && jdbc.lastWatermark() != null)
            sources.watermark(source.id(), jdbc.lastWatermark());
        return result;
    }

    /** The mapping a run's columns would need, field by field, as far as names tell: the console's starting point. */
    public static Map<String, String> suggestedMapping(List<String> columns, Resource resource) {
        var mapping = new java.util.LinkedHashMap<String, String>();
        for (String c : columns) {
            var field = resource.metadata().fields().stream()
                    .filter(f -> f.name().equalsIgnoreCase(c.strip()) || f.label().equals(c.strip())).findFirst();
            mapping.put(c, field.map(f -> f.name()).orElse(""));
        }
        return mapping;
    }
}
