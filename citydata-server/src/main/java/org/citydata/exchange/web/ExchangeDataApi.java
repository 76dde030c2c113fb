package org.citydata.exchange.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.datastore.ChangePage;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.RowPage;
import org.citydata.datastore.RowQuery;
import org.citydata.exchange.CallHeaders;
import org.citydata.exchange.Exchange;
import org.citydata.exchange.Grant;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.platform.web.HeaderText;
import org.citydata.platform.web.Attachment;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.platform.web.RequestParams;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exchange API, for department applications: each call carries the application's token and the headers
 * {@code X-Citydata-Purpose} (required), {@code X-Citydata-User} and {@code X-Request-Id}, and reads under the grant
 * its department holds: only granted fields, masked as granted, within the grant's rate and daily row quota.
 */
@RestController
@RequestMapping("/api/v1/exchange")
@Tag(name = "exchange", description = "共享交换 API: key lookups, queries, exports and change feeds under a grant (application tokens only)")
class ExchangeDataApi {

    private static final String FILTER_HELP = "field:op:value, repeatable, all must hold; op is eq, ne, lt, le, gt, ge, "
            + "contains, in, isnull or notnull; on masked fields only eq, ne, in, isnull, notnull";

    private final Exchange exchange;
    private final ServiceDescription descriptions;

    ExchangeDataApi(Exchange exchange, ServiceDescription descriptions) {
        this.exchange = exchange;
        this.descriptions = descriptions;
    }

    /** A grant as its application sees it. */
    record ServiceView(long grant, String resource, String name, Map<String, String> fields, String purpose,
                       String validFrom, String validUntil, int ratePerMinute, long dailyRowQuota, Long usedToday, String openapi) {

        static ServiceView of(Grant g, Long usedToday) {
            var fields = new LinkedHashMap<String, String>();
            g.fields().forEach((name, masking) -> fields.put(name, masking.text()));
            return new ServiceView(g.id(), g.resourceCode(), g.resourceName(), fields, g.purpose(), String.valueOf(g.validFrom()),
                    String.valueOf(g.validUntil()), g.ratePerMinute(), g.dailyRowQuota(), usedToday,
                    "/api/v1/exchange/services/" + g.resourceCode() + "/openapi.json");
        }
    }

    @GetMapping("/services")
    @Operation(summary = "What this application may call: its department's usable grants, with fields and their masking")
    List<ServiceView> services(Actor actor) {
        return unwrap(exchange.services(actor)).stream().map(g -> ServiceView.of(g, null)).toList();
    }

    @GetMapping("/services/{code}")
    @Operation(summary = "The grant this application reads a resource under, with today's use of its quota")
    ServiceView service(Actor actor, @PathVariable String code, HttpServletRequest request) {
        var service = unwrap(exchange.service(actor, code, request.getHeader(CallHeaders.GRANT)));
        return ServiceView.of(service.grant(), service.usage().rows());
    }

    @GetMapping(value = "/services/{code}/openapi.json", produces = "application/json")
    @Operation(summary = "An OpenAPI 3 description of this resource's exchange endpoints as this application may call them")
    Map<String, Object> openapi(Actor actor, @PathVariable String code, HttpServletRequest request) {
        var service = unwrap(exchange.service(actor, code, request.getHeader(CallHeaders.GRANT)));
        return descriptions.describe(service.grant(), baseUrl(request));
    }

    @GetMapping("/resources/{code}/records/{key}")
    @Operation(summary = "Key lookup: the row whose key field has this value (e.g. a person by resident ID), granted fields only, masked")
    Map<String, Object> lookup(Actor actor, @PathVariable String code, @PathVariable String key,
                               @RequestParam(required = false) List<String> fields,
                               HttpServletRequest request, HttpServletResponse response) {
        var page = admitted(exchange.lookup(actor, code, key, unwrap(RowQuery.parse(code, fields, null, null, 0, 1)).fields(), headers(request)), response);
        if (page.rows().isEmpty()) throw new org.citydata.platform.web.ProblemException(Problem.notFound("EXCHANGE_RECORD_NOT_FOUND", key));
        var record = new LinkedHashMap<String, Object>();
        for (int i = 0; i < page.fields().size(); i++) record.put(page.fields().get(i), page.rows().get(0).get(i));
        var body = new LinkedHashMap<String, Object>();
        body.put("resource", code);
        body.put("version", page.version());
        body.put("record", record);
        return body;
    }

    @GetMapping("/resources/{code}/rows")
    @Operation(summary = "Filtered, sorted, paged query over granted fields; a page is cut to what is left of today's row quota")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")), description = FILTER_HELP)
    RowPage rows(Actor actor, @PathVariable String code, @RequestParam(required = false) List<String> fields,
                 @RequestParam(required = false) List<String> sort,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                 HttpServletRequest request, HttpServletResponse response) {
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, page, size));
        return admitted(exchange.query(actor, query, headers(request)), response);
    }

    /** Written on the request thread to the response, as the datastore's own export is (see DatastoreApi). */
    @GetMapping("/resources/{code}/export")
    @Operation(summary = "Bulk export of the matching rows as CSV or JSON lines, streamed; refused before the first byte when it would pass today's row quota")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")), description = FILTER_HELP)
    void export(Actor actor, @PathVariable String code,
                @RequestParam(defaultValue = "csv") @Parameter(description = "csv, json or jsonl") String format,
                @RequestParam(required = false) List<String> fields, @RequestParam(required = false) List<String> sort,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        var chosen = unwrap(ExportFormat.parse(format));
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, 0, 0));
        var export = admitted(exchange.export(actor, query, chosen, headers(request)), response);
        Attachment.headers(response, export.fileName(), chosen.contentType());
        export.writeTo(response.getOutputStream());
    }

    @GetMapping("/resources/{code}/changes")
    @Operation(summary = "Change feed: rows added or changed (op upsert) and keys removed (op delete) since a data version, in key order, paged")
    ChangePage changes(Actor actor, @PathVariable String code, @RequestParam int since,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "500") int size,
                       HttpServletRequest request, HttpServletResponse response) {
        return admitted(exchange.changes(actor, code, since, page, size, headers(request)), response);
    }

    /** The value, or the problem; a rate or quota refusal says when to come back ({@code Retry-After}, seconds). */
    private static <T> T admitted(Result<T> result, HttpServletResponse response) {
        if (!result.succeeded()) {
            var code = result.problem().code();
            if (code.equals("EXCHANGE_RATE_LIMITED")) response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(result.problem().args().get(1)));
            else if (code.equals("EXCHANGE_QUOTA") || code.equals("DATASTORE_EXPORT_OVER_QUOTA"))
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1,
                        Duration.between(LocalDateTime.now(), LocalDateTime.now().toLocalDate().plusDays(1).atStartOfDay()).toSeconds())));
        }
        return unwrap(result);
    }

    private static CallHeaders headers(HttpServletRequest request) {
        return new CallHeaders(HeaderText.of(request, CallHeaders.PURPOSE), HeaderText.of(request, CallHeaders.USER),
                request.getHeader(CallHeaders.GRANT), RequestIdFilter.of(request));
    }

    private static String baseUrl(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
