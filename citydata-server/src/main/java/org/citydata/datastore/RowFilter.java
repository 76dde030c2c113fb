package org.citydata.datastore;

import java.util.Locale;
import java.util.Optional;

/**
 * One condition of a {@link RowQuery}: a field, an operator and, except for {@code isnull}/{@code notnull}, a value as
 * the caller wrote it. Whether the field exists and the value fits its type is checked against the catalog on read.
 */
public record RowFilter(String field, Op op, String value) {

    /** The operators, spelled in requests as their lower-case names ({@code age:ge:18}). */
    public enum Op {
        EQ, NE, LT, LE, GT, GE,
        /** Case-insensitive substring ({@code ILIKE %value%}); {@code %} and {@code _} match themselves. */
        CONTAINS,
        /** One of a comma-separated list. */
        IN,
        ISNULL, NOTNULL;

        public boolean takesValue() {
            return this != ISNULL && this != NOTNULL;
        }

        /** Whether the operator only tells whether a value is (or is not) one given: allowed on masked fields. */
        public boolean equality() {
            return this == EQ || this == NE || this == IN || this == ISNULL || this == NOTNULL;
        }

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Op> parse(String token) {
            for (var op : values()) if (op.token().equals(token.toLowerCase(Locale.ROOT))) return Optional.of(op);
            return Optional.empty();
        }
    }
}
