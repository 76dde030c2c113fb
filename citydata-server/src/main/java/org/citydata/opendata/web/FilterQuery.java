package org.citydata.opendata.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;

/**
 * A CKAN {@code fq}: Solr filter terms such as {@code organization:3205rs groups:health -tags:"旧数据"
 * metadata_modified:[2024-01-01T00:00:00Z TO *]}. Terms side by side (or joined by {@code AND}) must all hold; terms
 * joined by {@code OR} need one to hold, as in CKAN's harvester's {@code organization:a OR organization:b}; {@code -}
 * or {@code NOT} negates a term; {@code field:(a OR b)} is a choice of values; {@code field:*} holds for any value.
 * Dates take ranges, {@code [from TO to]} (inclusive) or {@code {from TO to}} (exclusive), {@code *} open.
 *
 * <p>Only the fields a package is filtered on here are known ({@link #FIELDS}); the others are named in the refusal
 * rather than ignored, since a harvester that filtered on nothing would take every dataset for what it asked.
 */
record FilterQuery(List<List<Term>> clauses) {

    static final Set<String> TEXT_FIELDS = Set.of("organization", "groups", "tags", "res_format", "license_id", "name", "id");
    static final Set<String> DATE_FIELDS = Set.of("metadata_modified", "metadata_created");
    static final Set<String> FIELDS = union(TEXT_FIELDS, DATE_FIELDS);

    static final FilterQuery NONE = new FilterQuery(List.of());

    /** One term: the field, and either values (any of which matches; {@code *} any at all) or a date range. */
    record Term(String field, List<String> values, Range range, boolean negated) {}

    /** A date range; a null end is open. */
    record Range(Instant from, boolean fromInclusive, Instant to, boolean toInclusive) {
        boolean contains(Instant t) {
            if (t == null) return false;
            if (from != null && (fromInclusive ? t.isBefore(from) : !t.isAfter(from))) return false;
            return to == null || (toInclusive ? !t.isAfter(to) : t.isBefore(to));
        }
    }

    /** What a package has for each field: its values (organization name, group names, tags …) and its dates. */
    record Facts(Map<String, Collection<String>> values, Map<String, Instant> dates) {}

    /** Every clause has a term that holds (loops, not streams: it runs for each of thousands of datasets a search). */
    boolean test(Facts facts) {
        for (var clause : clauses) {
            boolean holds = false;
            for (var term : clause) {
                if (term.negated() != holds(term, facts)) {
                    holds = true;
                    break;
                }
            }
            if (!holds) return false;
        }
        return true;
    }

    private static boolean holds(Term term, Facts facts) {
        if (term.range() != null) return term.range().contains(facts.dates().get(term.field()));
        if (DATE_FIELDS.contains(term.field())) return facts.dates().get(term.field()) != null; // field:* (an instant is a range)
        var have = facts.values().getOrDefault(term.field(), List.of());
        if (term.values().contains("*")) return !have.isEmpty();
        return have.stream().anyMatch(h -> term.values().stream().anyMatch(v -> v.equalsIgnoreCase(h)));
    }

    // ------------------------------------------------------------------ parsing

    /** The terms of one or more fq texts (fq and each of fq_list), all of which must hold; violations on {@code name}. */
    static Result<FilterQuery> parse(List<String> texts, String name) {
        var clauses = new ArrayList<List<Term>>();
        var unknown = new TreeSet<String>();
        var violations = new ArrayList<Violation>();
        for (String text : texts) {
            var parser = new Parser(text == null ? "" : text);
            try {
                clauses.addAll(parser.clauses());
            } catch (Malformed e) {
                violations.add(Violation.of(name, e.code, e.args));
            }
            unknown.addAll(parser.unknown);
        }
        if (!unknown.isEmpty()) violations.add(Violation.of(name, "ckan.fq_fields", String.join(", ", unknown), String.join(", ", new TreeSet<>(FIELDS))));
        if (!violations.isEmpty()) return Result.failure(org.citydata.kernel.Problem.invalid("CKAN_INVALID", violations));
        return Result.ok(new FilterQuery(List.copyOf(clauses)));
    }

    private static final class Malformed extends RuntimeException {
        final String code;
        final Object[] args;

        Malformed(String code, Object... args) {
            super(code, null, false, false);
            this.code = code;
            this.args = args;
        }
    }

    /** A small recursive-descent reader of the subset of Solr's syntax that CKAN clients send in fq. */
    private static final class Parser {
        private final String s;
        private int at;
        final Set<String> unknown = new TreeSet<>();

        Parser(String s) {
            this.s = s;
        }

        List<List<Term>> clauses() {
            var clauses = new ArrayList<List<Term>>();
            boolean or = false;
            while (true) {
                skipSpace();
                if (at >= s.length()) break;
                if (word("AND") || word("&&")) continue;
                if (word("OR") || word("||")) {
                    if (clauses.isEmpty()) throw syntax();
                    or = true;
                    continue;
                }
                var term = term();
                if (or) clauses.get(clauses.size() - 1).add(term);
                else clauses.add(new ArrayList<>(List.of(term)));
                or = false;
            }
            if (or) throw syntax();
            return clauses.stream().map(List::copyOf).toList();
        }

        private Term term() {
            boolean negated = false;
            if (word("NOT")) {
                negated = true;
                skipSpace();
            } else if (peek('-')) {
                at++;
                negated = true;
            } else if (peek('+')) at++;
            int start = at;
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.')) at++;
            String field = s.substring(start, at).toLowerCase(Locale.ROOT);
            if (field.isEmpty() || !peek(':')) throw syntax();
            at++;
            if (!FIELDS.contains(field)) unknown.add(field);
            if (peek('[') || peek('{')) return new Term(field, List.of(), range(field), negated);
            var values = new ArrayList<String>();
            if (peek('(')) {
                at++;
                while (true) {
                    skipSpace();
                    if (peek(')')) {
                        at++;
                        break;
                    }
                    if (at >= s.length()) throw syntax();
                    if (word("OR") || word("||")) continue;
                    values.add(value());
                }
                if (values.isEmpty()) throw syntax();
            } else {
                values.add(value());
            }
            if (DATE_FIELDS.contains(field) && !values.contains("*")) {
                if (values.size() != 1) throw syntax();
                Instant t = instant(values.get(0));
                return new Term(field, List.of(), new Range(t, true, t, true), negated);
            }
            return new Term(field, List.copyOf(values), null, negated);
        }

        /** {@code [from TO to]} or {@code {from TO to}}. */
        private Range range(String field) {
            if (TEXT_FIELDS.contains(field)) throw new Malformed("ckan.fq_range", field);
            boolean known = DATE_FIELDS.contains(field); // an unknown field's range is read only to go on to the next term
            boolean fromInclusive = s.charAt(at++) == '[';
            skipSpace();
            String from = bare();
            skipSpace();
            if (!word("TO")) throw syntax();
            skipSpace();
            String to = bare();
            skipSpace();
            if (!(peek(']') || peek('}'))) throw syntax();
            boolean toInclusive = s.charAt(at++) == ']';
            if (!known) return null;
            return new Range(from.equals("*") ? null : instant(from), fromInclusive, to.equals("*") ? null : instant(to), toInclusive);
        }

        private String value() {
            if (!peek('"')) {
                String v = bare();
                if (v.isEmpty()) throw syntax();
                return v;
            }
            at++;
            var out = new StringBuilder();
            while (at < s.length() && s.charAt(at) != '"') {
                if (s.charAt(at) == '\\' && at + 1 < s.length()) at++;
                out.append(s.charAt(at++));
            }
            if (at >= s.length()) throw syntax();
            at++;
            return out.toString();
        }

        /** Up to a space, a bracket or a parenthesis; a backslash escapes the next character. */
        private String bare() {
            var out = new StringBuilder();
            while (at < s.length() && !Character.isWhitespace(s.charAt(at)) && "()[]{}".indexOf(s.charAt(at)) < 0) {
                if (s.charAt(at) == '\\' && at + 1 < s.length()) at++;
                out.append(s.charAt(at++));
            }
            return out.toString();
        }

        /** The keyword at the cursor, standing alone (followed by a space or the end); consumed if so. */
        private boolean word(String w) {
            int end = at + w.length();
            if (!s.startsWith(w, at) || end < s.length() && !Character.isWhitespace(s.charAt(end))) return false;
            at = end;
            return true;
        }

        private boolean peek(char c) {
            return at < s.length() && s.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
        }

        private Malformed syntax() {
            return new Malformed("ckan.fq_syntax", s, Math.min(at, s.length()) + 1);
        }
    }

    /**
     * An instant as Solr writes it ({@code 2024-01-31T08:00:00Z}, fractions allowed), or without a zone (UTC, as CKAN
     * writes metadata_modified), or a plain date (its start, UTC). Solr's date maths ({@code NOW-1DAY}) is not taken.
     */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // not with a zone
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a date and time
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Malformed("ckan.fq_date", text);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
