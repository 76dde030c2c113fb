package org.citydata.opendata.web;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citydata.catalog.SearchQuery;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.RowQuery;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.OpenDataset;
import org.citydata.opendata.Usage;
import org.citydata.platform.web.Attachment;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.platform.web.RequestParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The open API: no login. Every answer has the same envelope, {@code {"data": …, "meta": {…}}}; errors are problem
 * JSON as everywhere on the platform. Rows come through the open-data read path, masked as the opening says and
 * recorded in the access log.
 */
@RestController
@RequestMapping("/api/open/v1")
@Tag(name = "open data", description = "开放数据: search the published datasets, read their records, download them")
class OpenApi {

    static final String FILTER_HELP = "field:op:value, repeatable; op one of eq, ne, lt, le, gt, ge, contains, in, isnull, "
            + "notnull. Only fields opened in clear may be filtered or sorted on.";

    /** Sharing between departments and catalog status are not the public's business: neither filtered by nor shown. */
    private static final List<String> NOT_PUBLIC = List.of(SearchQuery.Facet.STATUS.param, SearchQuery.Facet.SHARE_TYPE.param);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OpenData openData;
    private final Readers readers;
    private final Usage usage;

    OpenApi(OpenData openData, Readers readers, Usage usage) {
        this.openData = openData;
        this.readers = readers;
        this.usage = usage;
    }

    /** The one envelope of every answer. */
    record Envelope<T>(T data, Map<String, Object> meta) {}

    /**
     * A record keyed by field name, in field order. An empty value is written as null rather than left out (the
     * platform leaves nulls out elsewhere), so every record has every field.
     */
    static final class Row extends JacksonSerializable.Base {
        private final Map<String, Object> values = new LinkedHashMap<>();

        void put(String field, Object value) {
            values.put(field, value);
        }

        @Override
        public void serialize(JsonGenerator g, SerializationContext context) {
            g.writeStartObject();
            for (var e : values.entrySet()) context.defaultSerializeProperty(e.getKey(), e.getValue(), g);
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer types) {
            serialize(g, context);
        }
    }

    @GetMapping("/datasets")
    @Operation(summary = "Search published datasets: q (Chinese is segmented), facets provider, theme, format, updateCycle, "
            + "openType (repeatable), sort relevance|newest|name, page, size")
    Envelope<List<DatasetHit>> datasets(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                                        HttpServletRequest request) {
        var params = new HashMap<>(request.getParameterMap());
        params.keySet().removeAll(NOT_PUBLIC);
        var result = openData.search(SearchQuery.fromParams(params, page, size));
        var meta = new LinkedHashMap<String, Object>();
        meta.put("total", result.total());
        meta.put("page", result.page());
        meta.put("size", result.size());
        var facets = new LinkedHashMap<>(result.facets());
        facets.keySet().removeAll(NOT_PUBLIC);
        meta.put("facets", facets);
        return new Envelope<>(result.hits().stream().map(DatasetHit::of).toList(), meta);
    }

    @GetMapping("/datasets/{code}")
    @Operation(summary = "A published dataset: description, licence, data dictionary of the opened fields with their masking")
    Envelope<OpenDataset> dataset(@PathVariable String code, Locale locale) {
        return new Envelope<>(unwrap(openData.dataset(code, locale)), Map.of());
    }

    @GetMapping("/datasets/{code}/records")
    @Operation(summary = "A page of records as objects keyed by field name; conditionally opened datasets need a developer key")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")), description = FILTER_HELP)
    Envelope<List<Row>> records(@PathVariable String code,
                                @RequestParam(required = false) @Parameter(description = "text any clear field contains") String q,
                                @RequestParam(required = false) List<String> fields,
                                                @RequestParam(required = false) List<String> sort,
                                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                                                HttpServletRequest request) {
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, page, size)).withText(q);
        var rows = unwrap(openData.records(readers.of(request), query, RequestIdFilter.of(request)));
        usage.count(code.strip(), Usage.Kind.API_CALL);
        var data = new ArrayList<Row>(rows.rows().size());
        for (var row : rows.rows()) {
            var object = new Row();
            for (int i = 0; i < rows.fields().size(); i++) object.put(rows.fields().get(i), row.get(i));
            data.add(object);
        }
        var meta = new LinkedHashMap<String, Object>();
        meta.put("fields", rows.fields());
        meta.put("total", rows.total());
        meta.put("page", rows.page());
        meta.put("size", rows.size());
        meta.put("version", rows.version());
        return new Envelope<>(data, meta);
    }

    @GetMapping("/datasets/{code}/distribution")
    @Operation(summary = "How many records have each value of a field (masked as opened), most frequent first; the rest counted together")
    Envelope<List<Map<String, Object>>> distribution(@PathVariable String code, @RequestParam String field,
                                                     @RequestParam(defaultValue = "20") int limit, HttpServletRequest request) {
        return envelope(unwrap(openData.distribution(readers.of(request), code, field, limit, RequestIdFilter.of(request))));
    }

    /** A distribution as the open API and the portal's chart read it: {value, rows} entries, the rest in meta. */
    static Envelope<List<Map<String, Object>>> envelope(OpenData.Distribution d) {
        var data = new ArrayList<Map<String, Object>>();
        d.values().forEach(v -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("value", v.values().get(0) == null ? "" : v.values().get(0));
            entry.put("rows", v.rows());
            data.add(entry);
        });
        return new Envelope<>(data, Map.of("field", d.field(), "otherRows", d.otherRows()));
    }

    @GetMapping("/datasets/{code}/download")
    @Operation(summary = "The whole dataset (or the filtered rows) as CSV (UTF-8 with BOM, for Excel), XLSX, JSON or JSON Lines, streamed")
    @Parameter(name = "filter", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")), description = FILTER_HELP)
    void download(@PathVariable String code, @RequestParam(defaultValue = "csv") @Parameter(description = "csv, xlsx, json or jsonl") String format,
                  @RequestParam(required = false) List<String> fields, @RequestParam(required = false) List<String> sort,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        var chosen = unwrap(ExportFormat.parse(format));
        var query = unwrap(RowQuery.parse(code, fields, RequestParams.all(request, "filter"), sort, 0, 0));
        var export = unwrap(openData.download(readers.of(request), query, chosen, RequestIdFilter.of(request)));
        usage.count(code.strip(), Usage.Kind.DOWNLOAD);
        Attachment.headers(response, export.fileName(), chosen.contentType());
        var out = response.getOutputStream();
        if (chosen == ExportFormat.CSV) out.write(UTF8_BOM); // Excel reads a CSV without it in the local code page
        export.writeTo(out);
    }
}
