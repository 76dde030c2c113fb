package org.citydata.exchange;

import java.util.List;
import org.citydata.audit.AccessLog;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.AccessRecord.Action;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Resource;
import org.citydata.datastore.ChangePage;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.Export;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowPage;
import org.citydata.datastore.RowQuery;
import org.citydata.exchange.internal.Throttle;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.stereotype.Service;

/**
 * The exchange request path, one straight line: who calls (an application, never a person), why (the purpose is
 * required), under which grant, within its rate and quota; then the datastore's access path reads under the grant's
 * terms (its fields, its masking) and records the read. Every refusal on this path is recorded too.
 */
@Service
public class Exchange {

    static final int MAX_PURPOSE = 200;
    static final int MAX_END_USER = 100;

    private final Grants grants;
    private final Datastore datastore;
    private final AccessLog accessLog;
    private final Throttle throttle;
    private final Catalog catalog;
    private final AccessPolicy policy;

    Exchange(Grants grants, Datastore datastore, AccessLog accessLog, Throttle throttle, Catalog catalog, AccessPolicy policy) {
        this.policy = policy;
        this.catalog = catalog;
        this.grants = grants;
        this.datastore = datastore;
        this.accessLog = accessLog;
        this.throttle = throttle;
    }

    /** A request admitted under a grant, with the terms the datastore reads under. */
    private record Call(Grant grant, ReadTerms terms) {}

    /** The row with this key (the resource's single key field). */
    public Result<RowPage> lookup(Actor actor, String resourceCode, String key, List<String> fields, CallHeaders headers) {
        var call = admit(actor, headers, new Ask(resourceCode, Action.LOOKUP, fields, "key=" + key, List.of(key)));
        if (!call.succeeded()) return Result.failure(call.problem());
        return counted(call.value(), datastore.lookup(call.value().terms(), resourceCode, fields, key), RowPage::rows);
    }

    /** A page of the rows matching the query; the page is cut to what is left of the day's row quota. */
    public Result<RowPage> query(Actor actor, RowQuery query, CallHeaders headers) {
        var call = admit(actor, headers, new Ask(query.resourceCode(), Action.READ, named(query), null, List.of()));
        if (!call.succeeded()) return Result.failure(call.problem());
        long left = throttle.usage(call.value().grant()).remaining();
        var capped = new RowQuery(query.resourceCode(), query.fields(), query.filters(), query.sort(), query.page(),
                (int) Math.min(Math.min(Math.max(query.size(), 1), 500), left));
        return counted(call.value(), datastore.read(call.value().terms(), capped), RowPage::rows);
    }

    /**
     * A whole download, checked before the first byte: an export that would pass the day's row quota is refused
     * ({@code DATASTORE_EXPORT_OVER_QUOTA}) rather than cut short, since a truncated file looks complete. Its rows count at once.
     */
    public Result<Export> export(Actor actor, RowQuery query, ExportFormat format, CallHeaders headers) {
        if (format == ExportFormat.XLSX) // a spreadsheet is for people; applications take CSV or JSON lines
            return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_FORMAT", format.extension()));
        var call = admit(actor, headers, new Ask(query.resourceCode(), Action.EXPORT, named(query), null, List.of()));
        if (!call.succeeded()) return Result.failure(call.problem());
        var grant = call.value().grant();
        var export = datastore.prepareExport(call.value().terms(), query, format, throttle.usage(grant).remaining());
        if (export.succeeded()) throttle.count(grant, export.value().rows());
        return export;
    }

    /** The changes since a version of the data, a page at a time. */
    public Result<ChangePage> changes(Actor actor, String resourceCode, int since, int page, int size, CallHeaders headers) {
        var call = admit(actor, headers, new Ask(resourceCode, Action.CHANGES, List.of(), "since=" + since, List.of()));
        if (!call.succeeded()) return Result.failure(call.problem());
        long left = throttle.usage(call.value().grant()).remaining();
        var changes = datastore.changes(call.value().terms(), resourceCode, since, page, (int) Math.min(Math.max(size, 1), left));
        return counted(call.value(), changes, ChangePage::changes);
    }

    /** What this application may call: its department's grants that name it (or name no application). */
    public Result<List<Grant>> services(Actor actor) {
        if (actor.kind() != Actor.Kind.APPLICATION) return Result.failure(Problem.forbidden("EXCHANGE_APPLICATION_ONLY"));
        return Result.ok(grants.usableBy(actor));
    }

    /** One service: the grant this application would read a resource under, with today's use of it. */
    public Result<Service> service(Actor actor, String resourceCode, String grantHeader) {
        if (actor.kind() != Actor.Kind.APPLICATION) return Result.failure(Problem.forbidden("EXCHANGE_APPLICATION_ONLY"));
        var grantId = grantId(grantHeader);
        if (!grantId.succeeded()) return Result.failure(grantId.problem());
        var grant = grants.usableBy(actor, resourceCode, grantId.value());
        if (!grant.succeeded()) return Result.failure(grant.problem());
        return Result.ok(new Service(grant.value(), throttle.usage(grant.value())));
    }

    /** A grant as its application sees it, with today's use. */
    public record Service(Grant grant, Usage usage) {}

    private <T> Result<T> counted(Call call, Result<T> read, java.util.function.Function<T, List<?>> rows) {
        if (read.succeeded()) throttle.count(call.grant(), rows.apply(read.value()).size());
        return read;
    }

    /** Every field a query names: chosen, filtered or sorted by. */
    private static List<String> named(RowQuery query) {
        var names = new java.util.LinkedHashSet<String>(query.fields());
        query.filters().forEach(f -> names.add(f.field()));
        query.sort().forEach(s -> names.add(s.field()));
        return List.copyOf(names);
    }

    /**
     * What a request asks, as its access record names it if it is refused. A looked-up key is a subject: a person is
     * told also of the lookups of their ID that were refused.
     */
    private record Ask(String resourceCode, Action action, List<String> fields, String criteria, List<String> subjects) {}

    private Result<Call> admit(Actor actor, CallHeaders headers, Ask ask) {
        String resourceCode = ask.resourceCode();
        var grant = grantFor(actor, resourceCode, headers);
        if (!grant.succeeded()) return refuse(actor, headers, ask, null, grant.problem());
        var g = grant.value();
        var notGranted = ask.fields().stream().filter(f -> !g.fields().containsKey(f)).toList();
        if (!notGranted.isEmpty())
            return refuse(actor, headers, ask, g.id(), Problem.forbidden("EXCHANGE_FIELD_NOT_GRANTED", String.join(", ", notGranted), resourceCode));
        if (throttle.usage(g).remaining() <= 0)
            return refuse(actor, headers, ask, g.id(), Problem.of(Problem.Kind.TOO_MANY, "EXCHANGE_QUOTA", g.dailyRowQuota(), resourceCode));
        if (!throttle.tryRequest(g))
            return refuse(actor, headers, ask, g.id(),
                    Problem.of(Problem.Kind.TOO_MANY, "EXCHANGE_RATE_LIMITED", g.ratePerMinute(), throttle.retryAfterSeconds(g)));
        String endUser = headers.endUser() == null || headers.endUser().isBlank() ? null : headers.endUser().strip();
        return Result.ok(new Call(g, ReadTerms.granted(actor, AccessRecord.Channel.EXCHANGE, headers.purpose().strip(), endUser,
                headers.requestId(), g.id(), g.fields())));
    }

    /** Who calls, why, and under which grant: each refusal with its own code. */
    private Result<Grant> grantFor(Actor actor, String resourceCode, CallHeaders headers) {
        if (actor.kind() != Actor.Kind.APPLICATION) return Result.failure(Problem.forbidden("EXCHANGE_APPLICATION_ONLY"));
        if (!policy.canCallExchange(actor)) return Result.failure(Problem.forbidden("EXCHANGE_SCOPE_REQUIRED", actor.name()));
        String purpose = headers.purpose() == null ? "" : headers.purpose().strip();
        if (purpose.isEmpty()) return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_PURPOSE_REQUIRED", CallHeaders.PURPOSE));
        if (purpose.length() > MAX_PURPOSE)
            return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_HEADER_TOO_LONG", CallHeaders.PURPOSE, MAX_PURPOSE));
        if (headers.endUser() != null && headers.endUser().length() > MAX_END_USER)
            return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_HEADER_TOO_LONG", CallHeaders.USER, MAX_END_USER));
        var grantId = grantId(headers.grant());
        if (!grantId.succeeded()) return Result.failure(grantId.problem());
        return grants.usableBy(actor, resourceCode, grantId.value());
    }

    private static Result<Long> grantId(String header) {
        if (header == null || header.isBlank()) return Result.ok(null);
        try {
            return Result.ok(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_BAD_HEADER", CallHeaders.GRANT, header));
        }
    }

    private <T> Result<T> refuse(Actor actor, CallHeaders headers, Ask ask, Long grantId, Problem problem) {
        String purpose = headers.purpose() == null || headers.purpose().isBlank() ? "（未说明）" : headers.purpose().strip();
        // the provider sees the attempts on its resources too
        var provider = catalog.get(Actor.system(0), ask.resourceCode()).map(Resource::providerId);
        accessLog.append(new AccessRecord(actor.signature(), actor.departmentId(), actor.kind() == Actor.Kind.APPLICATION ? actor.id() : null,
                truncate(headers.endUser(), MAX_END_USER), AccessRecord.Channel.EXCHANGE, ask.action(), ask.resourceCode(),
                provider.succeeded() ? provider.value() : null, null, ask.fields(), ask.criteria(), 0L, truncate(purpose, MAX_PURPOSE), grantId, headers.requestId(),
                AccessRecord.Outcome.DENIED, problem.code(), ask.subjects()));
        return Result.failure(problem);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
