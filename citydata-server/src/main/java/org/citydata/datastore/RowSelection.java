package org.citydata.datastore;

import static org.citydata.datastore.Datastore.quote;
import static org.citydata.datastore.Datastore.sqlType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.quality.ValueCheck;
import org.citydata.kernel.quality.ValueKind;

/**
 * A {@link RowQuery} checked against the catalog's fields and turned into SQL: quoted column names, a where clause
 * whose values are all bind parameters (cast to the column's type), and an order. Nothing the caller wrote is ever
 * spliced into the SQL text.
 */
record RowSelection(List<FieldSpec> fields, String where, List<Object> params, List<String> order) {

    private static final Set<String> TRUE = Set.of("true", "1", "y", "yes", "是");

    boolean filtered() {
        return !where.isEmpty();
    }

    String columns() {
        return fields.stream().map(f -> quote(f.name())).collect(Collectors.joining(", "));
    }

    List<String> names() {
        return fields.stream().map(FieldSpec::name).toList();
    }

    /** {@code order by …} or empty. */
    String orderBy() {
        return order.isEmpty() ? "" : " order by " + String.join(", ", order);
    }

    /**
     * The same order with the columns qualified by the table's alias, for a select whose output columns carry the
     * fields' names but other values (masked text): a bare name in {@code order by} would sort by those.
     */
    String orderBy(String alias) {
        return order.isEmpty() ? "" : " order by " + order.stream().map(o -> alias + "." + o).collect(Collectors.joining(", "));
    }

    /**
     * Fails with {@code DATASTORE_UNKNOWN_FIELD} naming every unknown field (chosen, filtered or sorted by), or with
     * {@code DATASTORE_BAD_FILTER} naming the field, the value and the type it does not fit.
     */
    static Result<RowSelection> of(List<FieldSpec> catalogFields, RowQuery query, boolean keyOrder) {
        return of(catalogFields, query, keyOrder, catalogFields);
    }

    /** As above; a text search ({@link RowQuery#text}) looks in the {@code searchable} fields only. */
    static Result<RowSelection> of(List<FieldSpec> catalogFields, RowQuery query, boolean keyOrder, List<FieldSpec> searchable) {
        var byName = new LinkedHashMap<String, FieldSpec>();
        catalogFields.forEach(f -> byName.put(f.name(), f));
        var unknown = new ArrayList<String>();
        query.fields().forEach(f -> { if (!byName.containsKey(f) && !unknown.contains(f)) unknown.add(f); });
        query.filters().forEach(f -> { if (!byName.containsKey(f.field()) && !unknown.contains(f.field())) unknown.add(f.field()); });
        query.sort().forEach(s -> { if (!byName.containsKey(s.field()) && !unknown.contains(s.field())) unknown.add(s.field()); });
        if (!unknown.isEmpty())
            return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_UNKNOWN_FIELD", String.join(", ", unknown)));

        var chosen = query.fields().isEmpty() ? catalogFields : query.fields().stream().distinct().map(byName::get).toList();
        var conditions = new ArrayList<String>();
        var params = new ArrayList<Object>();
        for (var filter : query.filters()) {
            var problem = condition(byName.get(filter.field()), filter, conditions, params);
            if (problem.isPresent()) return Result.failure(problem.get());
        }
        if (query.text() != null) {
            // no field to search matches nothing, rather than everything
            var any = searchable.stream().map(f -> (textual(f.type()) ? quote(f.name()) : quote(f.name()) + "::text") + " ilike ?").toList();
            conditions.add(any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")");
            String pattern = "%" + likeEscaped(query.text()) + "%";
            any.forEach(a -> params.add(pattern));
        }
        var order = new ArrayList<String>();
        var sorted = query.sort().stream().map(RowSort::field).toList();
        // empty values last either way: descending by age should start with the oldest, not with the unknown
        query.sort().forEach(s -> order.add(quote(s.field()) + (s.descending() ? " desc nulls last" : "")));
        if (keyOrder || !order.isEmpty()) // keys last, so that pages of equal sort values do not overlap or skip rows
            catalogFields.stream().filter(f -> f.key() && !sorted.contains(f.name())).map(f -> quote(f.name())).forEach(order::add);
        return Result.ok(new RowSelection(List.copyOf(chosen),
                conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params, order));
    }

    private static Optional<Problem> condition(FieldSpec field, RowFilter filter, List<String> conditions, List<Object> params) {
        String column = quote(field.name());
        String text = textual(field.type()) ? column : column + "::text";
        switch (filter.op()) {
            case ISNULL -> conditions.add(column + " is null");
            case NOTNULL -> conditions.add(column + " is not null");
            case CONTAINS -> {
                conditions.add(text + " ilike ?");
                params.add("%" + likeEscaped(filter.value()) + "%");
            }
            case IN -> {
                var placeholders = new ArrayList<String>();
                for (String raw : filter.value().split(",", -1)) {
                    var value = typed(field.type(), raw);
                    if (value.isEmpty()) return Optional.of(badValue(field, raw));
                    placeholders.add(placeholder(field.type()));
                    params.add(value.get());
                }
                conditions.add(column + " in (" + String.join(", ", placeholders) + ")");
            }
            default -> {
                var value = typed(field.type(), filter.value());
                if (value.isEmpty()) return Optional.of(badValue(field, filter.value()));
                conditions.add(column + " " + comparison(filter.op()) + " " + placeholder(field.type()));
                params.add(value.get());
            }
        }
        return Optional.empty();
    }

    private static String comparison(RowFilter.Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> throw new IllegalArgumentException(op.token());
        };
    }

    private static Problem badValue(FieldSpec field, String value) {
        return Problem.of(Problem.Kind.INVALID, "DATASTORE_BAD_FILTER", field.name(), value, field.type().name());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static boolean textual(FieldType type) {
        return sqlType(type).equals("text");
    }

    /** The parameter, cast to the column's type so that PostgreSQL compares like with like. */
    private static String placeholder(FieldType type) {
        return textual(type) ? "?" : "cast(? as " + sqlType(type) + ")";
    }

    /**
     * The value as text PostgreSQL casts without fail, or empty when it does not fit the type (checked here, so the
     * caller hears which field and value instead of a database error). Text types take any value as written.
     */
    static Optional<String> typed(FieldType type, String raw) {
        if (textual(type)) return Optional.of(raw);
        String v = raw.strip();
        if (ValueCheck.problem(ValueKind.valueOf(type.name()), null, true, v).isPresent()) return Optional.empty();
        return Optional.of(switch (type) {
            case INTEGER -> Long.toString(Long.parseLong(v));
            case DECIMAL -> new BigDecimal(v).toPlainString();
            case BOOLEAN -> Boolean.toString(TRUE.contains(v.toLowerCase(Locale.ROOT)));
            case DATE -> ValueCheck.date(v).orElseThrow().toString();
            default -> v; // TIMESTAMP: every form ValueCheck accepts, PostgreSQL reads
        });
    }
}
