package org.citydata.datastore;

import java.util.ArrayList;
import java.util.List;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/**
 * What a reader asks of a resource's current rows: which fields (empty means all, in catalog order), which rows
 * (filters, all of which must hold), in which order, and which page. An export reads every matching row and ignores
 * the page. The access path checks the names and values against the catalog; later grants and masking narrow it.
 */
public record RowQuery(String resourceCode, List<String> fields, List<RowFilter> filters, List<RowSort> sort, int page, int size,
                       String text) {

    public RowQuery {
        fields = fields == null ? List.of() : List.copyOf(fields);
        filters = filters == null ? List.of() : List.copyOf(filters);
        sort = sort == null ? List.of() : List.copyOf(sort);
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public RowQuery(String resourceCode, List<String> fields, List<RowFilter> filters, List<RowSort> sort, int page, int size) {
        this(resourceCode, fields, filters, sort, page, size, null);
    }

    /**
     * The same query, keeping only rows where some field the reader sees in clear contains {@code text} (any case);
     * masked fields are not searched, or a search would tell what the mask hides.
     */
    public RowQuery withText(String text) {
        return new RowQuery(resourceCode, fields, filters, sort, page, size, text);
    }

    /** A page of the chosen fields of all rows, in key order. */
    public static RowQuery page(String resourceCode, List<String> fields, int page, int size) {
        return new RowQuery(resourceCode, fields, List.of(), List.of(), page, size);
    }

    /**
     * Reads request parameters: {@code fields=a,b}, {@code filter=field:op:value} (repeatable; the value is everything
     * after the second colon, so it may hold colons), {@code sort=-birth_date,name} ({@code -} for descending).
     * Only the shape is checked here; {@code DATASTORE_MALFORMED_FILTER} or {@code DATASTORE_UNKNOWN_OPERATOR} when it
     * is wrong.
     */
    public static Result<RowQuery> parse(String resourceCode, List<String> fields, List<String> filters, List<String> sort,
                                         int page, int size) {
        var parsedFilters = new ArrayList<RowFilter>();
        for (String text : filters == null ? List.<String>of() : filters) {
            var filter = filter(text);
            if (!filter.succeeded()) return Result.failure(filter.problem());
            parsedFilters.add(filter.value());
        }
        var parsedSort = new ArrayList<RowSort>();
        for (String key : commaSeparated(sort)) {
            boolean descending = key.startsWith("-");
            String field = descending ? key.substring(1).strip() : key;
            if (!field.isEmpty()) parsedSort.add(new RowSort(field, descending));
        }
        return Result.ok(new RowQuery(resourceCode, commaSeparated(fields), parsedFilters, parsedSort, page, size));
    }

    private static Result<RowFilter> filter(String text) {
        int first = text.indexOf(':');
        if (first <= 0) return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_MALFORMED_FILTER", text));
        int second = text.indexOf(':', first + 1);
        String field = text.substring(0, first).strip();
        String opToken = second < 0 ? text.substring(first + 1) : text.substring(first + 1, second);
        String value = second < 0 ? null : text.substring(second + 1);
        var op = RowFilter.Op.parse(opToken.strip());
        if (op.isEmpty()) return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_UNKNOWN_OPERATOR", opToken, text));
        // isnull/notnull stand alone ("name:isnull" or "name:isnull:"); every other operator needs its value
        if (op.get().takesValue() ? value == null : value != null && !value.isEmpty())
            return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_MALFORMED_FILTER", text));
        return Result.ok(new RowFilter(field, op.get(), op.get().takesValue() ? value : null));
    }

    /** {@code a,b} and repeated parameters alike, blanks dropped. */
    private static List<String> commaSeparated(List<String> values) {
        var out = new ArrayList<String>();
        for (String v : values == null ? List.<String>of() : values)
            for (String part : v.split(","))
                if (!part.isBlank()) out.add(part.strip());
        return out;
    }
}
