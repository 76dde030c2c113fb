package org.citydata.opendata.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citydata.catalog.FieldType;
import org.citydata.datastore.RowFilter;
import org.citydata.datastore.RowPage;
import org.citydata.datastore.RowQuery;
import org.citydata.datastore.RowSort;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.OpenDataset;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * datastore_search on a published dataset, whose CSV resource's id (the dataset's code) is the {@code resource_id}.
 * The request becomes a {@link RowQuery} read through {@link OpenData#records}, so the rows are the opening's fields,
 * masked as it says, and every read is in the access log; filters, sorts and text search see only the fields opened in
 * clear ({@code DATASTORE_FILTER_NOT_CLEAR} otherwise). A limit over 500 rows is read as several pages ({@link RowWindow}),
 * each recorded.
 */
@Component
class DatastoreSearch {

    static final int DEFAULT_LIMIT = 100;
    /** CKAN's ckan.datastore.search.rows_max. */
    static final int MAX_LIMIT = 32_000;
    /** Reads of a several-page answer start again when new data is committed midway, at most this often. */
    private static final int ATTEMPTS = 3;
    private static final Set<String> PARAMS = Set.of("resource_id", "id", "q", "full_text", "filters", "limit", "offset", "fields",
            "sort", "include_total", "records_format", "distinct", "plain", "language", "total_estimation_threshold");

    private final OpenData openData;
    private final JsonMapper json;

    DatastoreSearch(OpenData openData, JsonMapper json) {
        this.openData = openData;
        this.json = json;
    }

    /** A field as CKAN's datastore types it, with the data dictionary's label and description. */
    record Field(String id, String type, Info info) {}

    record Info(String label, String notes) {}

    record Links(String start, String next) {}

    /** CKAN's answer: what was asked (q, filters, sort when given), the fields, the records, the total and the links. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Answer(String resourceId, JsonNode q, JsonNode filters, JsonNode sort, List<Field> fields, List<OpenApi.Row> records,
                  Long total, boolean totalWasEstimated, int limit, int offset, boolean includeTotal, String recordsFormat,
                  @JsonProperty("_links") Links links) {}

    Result<Answer> search(CkanParams params, Actor reader, String requestId, String path) {
        params.onlyKnown(PARAMS);
        String id = params.has("resource_id") || !params.has("id") ? params.required("resource_id") : params.required("id");
        int limit = params.natural("limit", DEFAULT_LIMIT, MAX_LIMIT);
        int offset = params.natural("offset", 0, Integer.MAX_VALUE - MAX_LIMIT);
        var fields = params.commaList("fields");
        var sort = sort(params);
        var filters = filters(params);
        String text = text(params, filters);
        boolean includeTotal = params.bool("include_total", true);
        params.integer("total_estimation_threshold"); // taken, as CKAN takes it; every total here is exact
        String format = params.text("records_format");
        if (format != null && !format.equals("objects")) params.violation("records_format", "ckan.records_format", format);
        if (params.bool("distinct", false)) params.violation("distinct", "ckan.distinct");
        return params.checked(() -> {
            String code = CkanPackages.code(id);
            var dataset = openData.dataset(code, Locale.SIMPLIFIED_CHINESE);
            if (!dataset.succeeded()) return Result.failure(dataset.problem());
            var query = new RowQuery(code, fields, filters, sort, 0, 1).withText(text);
            var read = read(reader, query, new RowWindow(offset, limit), requestId);
            if (!read.succeeded()) return Result.failure(read.problem());
            var pages = read.value();
            var first = pages.get(0);
            var records = new ArrayList<OpenApi.Row>();
            for (var page : pages) {
                for (var row : page.rows()) {
                    var record = new OpenApi.Row();
                    for (int i = 0; i < first.fields().size(); i++) record.put(first.fields().get(i), row.get(i));
                    records.add(record);
                }
            }
            return Result.ok(new Answer(code, params.node("q"), params.json("filters", json), params.node("sort"),
                    fields(first.fields(), dataset.value()), records, includeTotal ? first.total() : null, false, limit, offset,
                    includeTotal, "objects", links(params, path, offset, limit)));
        });
    }

    /**
     * The pages of the window, all of one data version: when new data is committed between two pages, the whole
     * window is read again. With no row asked for (limit 0), one page past the end is read, for the total and the
     * fields without a row — a read of nothing is recorded as that.
     */
    private Result<List<RowPage>> read(Actor reader, RowQuery query, RowWindow window, String requestId) {
        var wanted = window.pages();
        if (wanted.isEmpty()) wanted = List.of(new RowWindow.Page(Integer.MAX_VALUE, 1));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var pages = new ArrayList<RowPage>();
            for (var page : wanted) {
                var read = openData.records(reader, new RowQuery(query.resourceCode(), query.fields(), query.filters(), query.sort(),
                        page.page(), page.size(), query.text()), requestId);
                if (!read.succeeded()) return Result.failure(read.problem());
                if (!pages.isEmpty() && read.value().version() != pages.get(0).version()) break;
                pages.add(read.value());
                if (read.value().rows().size() < page.size()) return Result.ok(pages); // the end of the rows
            }
            if (pages.size() == wanted.size()) return Result.ok(pages);
        }
        return Result.failure(Problem.conflict("CKAN_DATA_CHANGING", query.resourceCode()));
    }

    /**
     * {@code filters}: an object of field to value (equal) or to a list of values (any of them), or to null (empty).
     * Values are compared as the field's type, as in the open API's filters. A value in a list may not hold a comma,
     * which separates the datastore's {@code in} values.
     */
    private List<RowFilter> filters(CkanParams params) {
        var node = params.json("filters", json);
        var out = new ArrayList<RowFilter>();
        if (node == null) return out;
        if (!node.isObject()) {
            params.violation("filters", "ckan.object");
            return out;
        }
        for (var e : node.properties()) {
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) out.add(new RowFilter(field, RowFilter.Op.ISNULL, null));
            else if (v.isValueNode()) out.add(new RowFilter(field, RowFilter.Op.EQ, v.asString()));
            else if (v.isArray() && !v.isEmpty() && v.valueStream().allMatch(x -> x.isValueNode() && !x.isNull())) {
                var values = v.valueStream().map(JsonNode::asString).toList();
                if (values.size() == 1) out.add(new RowFilter(field, RowFilter.Op.EQ, values.get(0)));
                else if (values.stream().anyMatch(x -> x.contains(","))) params.violation("filters", "ckan.comma_in_list", field);
                else out.add(new RowFilter(field, RowFilter.Op.IN, String.join(",", values)));
            } else {
                params.violation("filters", "ckan.filter_value", field);
            }
        }
        return out;
    }

    /**
     * {@code q} as text searches every field opened in clear; {@code q} as an object of field to text searches those
     * fields (becoming {@code contains} filters, which likewise need fields in clear); {@code full_text} is text too.
     */
    private String text(CkanParams params, List<RowFilter> filters) {
        var q = params.node("q");
        // CKAN's unicode_or_json_validator: JSON text of an object is that object, any other text is text
        if (q != null && q.isString() && q.asString().strip().startsWith("{")) q = params.json("q", json);
        if (q != null && q.isObject()) {
            for (var e : q.properties()) {
                if (e.getValue().isValueNode() && !e.getValue().isNull())
                    filters.add(new RowFilter(e.getKey(), RowFilter.Op.CONTAINS, e.getValue().asString()));
                else params.violation("q", "ckan.filter_value", e.getKey());
            }
            return params.text("full_text");
        }
        String text = params.text("q");
        return text == null ? params.text("full_text") : text;
    }

    /** {@code sort}: {@code "field asc, other desc"} (or a list of such), the field optionally in double quotes. */
    private static List<RowSort> sort(CkanParams params) {
        var out = new ArrayList<RowSort>();
        for (String part : params.commaList("sort")) {
            var words = part.strip().split("\\s+");
            String field = words[0].length() > 1 && words[0].startsWith("\"") && words[0].endsWith("\"")
                    ? words[0].substring(1, words[0].length() - 1) : words[0];
            String direction = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc";
            // "nulls first" / "nulls last" are taken: empty values sort last here in either direction
            boolean nulls = words.length == 2 || words.length == 4 && words[2].equalsIgnoreCase("nulls")
                    && (words[3].equalsIgnoreCase("first") || words[3].equalsIgnoreCase("last"));
            if (words.length == 1 || nulls && (direction.equals("asc") || direction.equals("desc")))
                out.add(new RowSort(field, direction.equals("desc")));
            else params.violation("sort", "ckan.datastore_sort", part);
        }
        return out;
    }

    /** The fields read, typed as CKAN's datastore types them; a masked field's values are text, whatever it was. */
    private static List<Field> fields(List<String> names, OpenDataset dataset) {
        Map<String, OpenDataset.Field> byName = dataset.fields().stream().collect(Collectors.toMap(OpenDataset.Field::name, f -> f));
        return names.stream().map(n -> {
            var f = byName.get(n);
            return f == null ? new Field(n, "text", null)
                    : new Field(n, "clear".equals(f.masking()) ? type(f.type()) : "text", new Info(f.label(), f.description()));
        }).toList();
    }

    static String type(FieldType type) {
        return switch (type) {
            case INTEGER -> "int";
            case DECIMAL -> "numeric";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case STRING, RESIDENT_ID, CREDIT_CODE, MOBILE -> "text";
        };
    }

    /**
     * As CKAN makes them, relative: this request's address without {@code offset}, and with the next page's. A POST's
     * parameters are written into the query (objects and lists as JSON), so the links work as GETs.
     */
    private Links links(CkanParams params, String path, int offset, int limit) {
        ObjectNode data = params.data();
        data.remove("offset");
        String start = path + query(data);
        data.put("offset", offset + limit);
        return new Links(start, path + query(data));
    }

    private String query(ObjectNode data) {
        var parts = new ArrayList<String>();
        for (var e : data.properties()) {
            var values = e.getValue().isArray() && e.getValue().valueStream().allMatch(JsonNode::isValueNode)
                    ? e.getValue().valueStream().toList() : List.of(e.getValue());
            for (var v : values) parts.add(enc(e.getKey()) + "=" + enc(v.isValueNode() ? v.asString() : json.writeValueAsString(v)));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
