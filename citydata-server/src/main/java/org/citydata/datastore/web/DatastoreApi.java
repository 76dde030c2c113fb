package org.citydata.datastore.web;

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
import java.util.List;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.DatasetVersion;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowQuery;
import org.citydata.platform.web.HeaderText;
import org.citydata.platform.web.Attachment;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.platform.web.RequestParams;
import org.citydata.datastore.RowPage;
import org.citydata.identity.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "datastore", description = "A resource's data: versions and rows, read through the access path")
class DatastoreApi {

    private static final String FILTER_HELP = "field:op:value, repeatable, all must hold; op is eq, ne, lt, le, gt, ge, "
            + "contains, in (comma-separated values), isnull or notnull (no value)";
    private static final String SORT_HELP = "fields to order by, comma-separated; a leading - for descending, e.g. -birth_date,name";

    private final Datastore datastore;
    private final Catalog catalog;
    private final org.citydata.datastore.CollectionRate collectionRate;

    DatastoreApi(Datastore datastore, Catalog catalog, org.citydata.datastore.CollectionRate collectionRate) {
        this.datastore = datastore;
        this.catalog = catalog;
        this.collectionRate = collectionRate;
    }

    @GetMapping("/collection-rate")
    @Operation(summary = "采集率: published resources with a current data version, per department and for the city")
    org.citydata.datastore.CollectionRate.Report collectionRate(Actor actor) {
        return collectionRate.compute();
    }

    @GetMapping("/resources/{code}/data/versions")
    @Operation(summary = "The data's versions, newest first, with row counts and added/changed/removed by key")
    List<DatasetVersion> versions(Actor actor, @PathVariable String code) {
        return datastore.versions(unwrap(catalog.get(actor, code)).id());
    }

    @GetMapping("/resources/{code}/data/rows")
    @Operation(summary = "A page of the current version's rows (provider department, bureau and auditors); every read is recorded")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")),
            description = FILTER_HELP)
    RowPage rows(Actor actor, @PathVariable String code, @RequestParam(required = false) List<String> fields,
                 @RequestParam(required = false) @Parameter(description = SORT_HELP) List<String> sort,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                 HttpServletRequest request) {
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, page, size));
        return unwrap(datastore.read(terms(actor, "preview", request), query));
    }

    /**
     * Written on the request thread straight to the response, not as a {@code StreamingResponseBody}: that would end
     * in an async dispatch, which a bearer-token request does not pass (its authentication is not kept for it) and
     * which the container cuts off after its async timeout (30 s in Tomcat), long before a large export is done.
     */
    @GetMapping("/resources/{code}/data/export")
    @Operation(summary = "The current version's matching rows as a CSV, JSON Lines or XLSX download, streamed; the export is recorded with its row count")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")),
            description = FILTER_HELP)
    void export(Actor actor, @PathVariable String code,
                @RequestParam(defaultValue = "csv") @Parameter(description = "csv, json, jsonl or xlsx") String format,
                @RequestParam(required = false) List<String> fields,
                @RequestParam(required = false) @Parameter(description = SORT_HELP) List<String> sort,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        var chosen = unwrap(ExportFormat.parse(format));
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, 0, 0));
        // every check happens before the first byte, so a refusal is still a problem response; then only rows flow,
        // on the export's own connection (no transaction of this thread is held open)
        var export = unwrap(datastore.prepareExport(terms(actor, "export", request), query, chosen));
        Attachment.headers(response, export.fileName(), chosen.contentType());
        export.writeTo(response.getOutputStream());
    }

    /** The reader's stated purpose ({@code X-Citydata-Purpose}) when given, else what the endpoint is for. */
    private static ReadTerms terms(Actor actor, String defaultPurpose, HttpServletRequest request) {
        String purpose = HeaderText.of(request, "X-Citydata-Purpose");
        return ReadTerms.owner(actor, purpose == null || purpose.isBlank() ? defaultPurpose : purpose.strip(), RequestIdFilter.of(request));
    }
}
