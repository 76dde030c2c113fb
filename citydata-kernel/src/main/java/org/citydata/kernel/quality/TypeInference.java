package org.citydata.kernel.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proposes what each column of a sample holds, so a data officer registering a new resource starts from the data
 * instead of a blank field table. A kind is proposed when at least {@link #SHARE} of the column's non-blank values
 * pass {@link ValueCheck} for it (the rest would be quarantined at load), trying the most specific kinds first.
 * The proposal is a starting point the officer reviews, never a decision.
 */
public final class TypeInference {

    /** The share of non-blank values that must fit a kind for it to be proposed. */
    public static final double SHARE = 0.95;
    private static final int EXAMPLES = 3;
    private static final int EXAMPLE_LENGTH = 100;

    /**
     * Most specific first. Identifiers come before numbers (an 18-digit ID is also an integer) and dates before
     * integers (a column of 20240131 is a date to its owner, and 8-digit integers that all parse as dates are rare).
     */
    private static final List<ValueKind> ORDER = List.of(ValueKind.RESIDENT_ID, ValueKind.CREDIT_CODE, ValueKind.MOBILE,
            ValueKind.BOOLEAN, ValueKind.DATE, ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.TIMESTAMP);

    /** Booleans written as words; 1 and 0 alone are numbers to a reader, so a 0/1 column stays an integer. */
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "y", "n", "yes", "no", "是", "否");
    /** 000123, 0512: zero-padded codes (postal, area, serial) lose their meaning as numbers. */
    private static final Pattern ZERO_PADDED = Pattern.compile("[+-]?0\\d.*");
    /** Doubles, and so spreadsheets, keep 15 digits: longer digit strings are card or account numbers, not amounts. */
    private static final int MAX_NUMBER_DIGITS = 15;

    /**
     * What the sample says about one column. {@code maxLength} counts characters of the longest value; {@code complete}
     * means no value is blank; {@code unique} means no non-blank value repeats (with {@code complete}, a key candidate).
     */
    public record Proposal(String name, ValueKind kind, int maxLength, boolean complete, boolean unique,
                           double blankShare, List<String> examples) {

        public Proposal {
            examples = List.copyOf(examples);
        }

        public boolean keyCandidate() {
            return complete && unique;
        }
    }

    private TypeInference() {}

    /** One proposal per column; a row shorter than the header has blanks in its missing columns. */
    public static List<Proposal> infer(List<String> columns, List<List<String>> rows) {
        var proposals = new ArrayList<Proposal>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            var values = new ArrayList<String>(rows.size());
            for (var row : rows) values.add(c < row.size() ? row.get(c) : null);
            proposals.add(column(columns.get(c), values));
        }
        return proposals;
    }

    /** The proposal for one column's sampled values. */
    public static Proposal column(String name, List<String> values) {
        var present = new ArrayList<String>(values.size());
        for (String v : values) if (v != null && !v.isBlank()) present.add(v.strip());
        int blanks = values.size() - present.size();
        int maxLength = 0;
        var examples = new LinkedHashSet<String>();
        var seen = new HashSet<String>();
        boolean unique = true;
        for (String v : present) {
            maxLength = Math.max(maxLength, v.codePointCount(0, v.length()));
            if (!seen.add(v)) unique = false;
            if (examples.size() < EXAMPLES) examples.add(v.length() > EXAMPLE_LENGTH ? v.substring(0, EXAMPLE_LENGTH) : v);
        }
        double blankShare = values.isEmpty() ? 1.0 : (double) blanks / values.size();
        return new Proposal(name, kind(present), maxLength, blanks == 0 && !values.isEmpty(), unique, blankShare,
                List.copyOf(examples));
    }

    /** The first kind, most specific first, that enough of the values fit; text when none does or all are blank. */
    static ValueKind kind(List<String> present) {
        if (present.isEmpty()) return ValueKind.STRING;
        boolean codes = present.stream().anyMatch(TypeInference::looksLikeCode);
        for (ValueKind kind : ORDER) {
            if (codes && (kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL)) continue;
            long fitting = present.stream().filter(v -> fits(kind, v)).count();
            if (fitting >= SHARE * present.size()) return kind;
        }
        return ValueKind.STRING;
    }

    private static boolean fits(ValueKind kind, String v) {
        if (kind == ValueKind.BOOLEAN && !BOOLEAN_WORDS.contains(v.toLowerCase(Locale.ROOT))) return false;
        return ValueCheck.problem(kind, null, false, v).isEmpty();
    }

    /** A zero-padded or over-long digit string: a column holding one holds codes, which stay text. */
    private static boolean looksLikeCode(String v) {
        if (ZERO_PADDED.matcher(v).matches()) return true;
        int digits = 0;
        for (int i = 0; i < v.length() && v.charAt(i) != '.'; i++) if (Character.isDigit(v.charAt(i))) digits++;
        return digits > MAX_NUMBER_DIGITS;
    }
}
