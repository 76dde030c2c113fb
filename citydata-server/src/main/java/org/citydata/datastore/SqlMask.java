package org.citydata.datastore;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.IntStream;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;

/**
 * The masking rules PostgreSQL can apply itself, as SQL expressions that give, for every value of a column, the text
 * the CSV export's Java path writes: {@link Masker} applied to the value as CSV text ({@code true}/{@code false},
 * timestamps with ISO 8601's {@code T}). The parity test holds the two to the same bytes; a change to {@link Masker}
 * needs the same change here.
 *
 * <p>What has no SQL form, so that the export stays on the Java path:
 * <ul>
 * <li>{@code hash} and {@code fpe}: they need the platform's key, which never goes to the database (it would sit in
 *     statement logs and in {@code pg_stat_activity}).</li>
 * <li>{@code year}, {@code month} and {@code ageband} on anything but a DATE or TIMESTAMP column: on text the Masker
 *     reads several date forms and a resident ID's birth date, which is more than is worth writing twice.</li>
 * </ul>
 * Lengths count characters, which in a UTF-8 database are code points, as the Masker counts them; the caller checks the
 * database's encoding.
 */
final class SqlMask {

    private SqlMask() {}

    /**
     * What {@link String#strip()} removes ({@link Character#isWhitespace}), for {@code region}, which strips the code
     * before reading it; taken from the running JVM, so the two cannot drift apart.
     */
    private static final String WHITESPACE = IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(Character::isWhitespace)
            .mapToObj(cp -> String.format("\\u%04x", cp)).reduce("E'", String::concat) + "'";

    /** The column as the Java path's CSV writes it, as text. */
    static String text(String column, FieldType type) {
        return switch (type) {
            // PostgreSQL writes t and f; a null stays null (no else branch)
            case BOOLEAN -> "(case " + column + " when true then 'true' when false then 'false' end)";
            case TIMESTAMP -> "replace(" + column + "::text, ' ', 'T')";
            case STRING, RESIDENT_ID, CREDIT_CODE, MOBILE -> column;
            case INTEGER, DECIMAL, DATE -> column + "::text";
        };
    }

    /**
     * The column's values masked by {@code rule}, as a text expression; empty when the rule has no SQL form for the
     * column's type.
     *
     * @param today the day {@code ageband} counts ages to ({@link Masker#today()})
     */
    static Optional<String> of(Masking rule, FieldType type, String column, LocalDate today) {
        String t = text(column, type);
        boolean dated = type == FieldType.DATE || type == FieldType.TIMESTAMP;
        // numbers and dates COPY writes as the Java path does; converting them to text first only costs time
        if (rule instanceof Masking.Clear) return Optional.of(type == FieldType.INTEGER || type == FieldType.DECIMAL || type == FieldType.DATE ? column : t);
        if (rule instanceof Masking.Nullify) return Optional.of("null::text");
        if (rule instanceof Masking.MaskAll) return Optional.of(stars(t));
        if (rule instanceof Masking.Keep keep) return Optional.of(keep(t, keep.first(), keep.last()));
        if (rule instanceof Masking.Region region) return Optional.of(region(t, region.digits()));
        if (rule instanceof Masking.Year && dated) return Optional.of(dated(column, t, "left(" + t + ", 4)"));
        if (rule instanceof Masking.Month && dated) return Optional.of(dated(column, t, "left(" + t + ", 7)"));
        if (rule instanceof Masking.AgeBand band && dated) return Optional.of(ageBand(column, t, band.width(), today));
        return Optional.empty();
    }

    /** {@code mask}: one star per character. */
    private static String stars(String t) {
        return "repeat('*', char_length(" + t + "))";
    }

    /**
     * {@code keep(n,m)}: a value longer than n+m keeps its first n and last m characters; a shorter one keeps less than
     * half, from the start first, as the Masker does.
     */
    private static String keep(String t, int first, int last) {
        String n = "char_length(" + t + ")";
        String budget = "((" + n + " - 1) / 2)"; // integer division truncates, as Java's: 0 for an empty value
        String f = "least(" + first + ", " + budget + ")";
        String l = "least(" + last + ", " + budget + " - " + f + ")";
        String whole = (first == 0 ? "" : "left(" + t + ", " + first + ") || ") + "repeat('*', " + n + " - " + (first + last) + ")"
                + (last == 0 ? "" : " || right(" + t + ", " + last + ")"); // right() counts the whole value: only when needed
        return "(case when " + n + " > " + (first + last) + " then " + whole + " else " + kept(t, n, f, l) + " end)";
    }

    private static String kept(String t, String n, String first, String last) {
        return "left(" + t + ", " + first + ") || repeat('*', " + n + " - " + first + " - " + last + ") || right(" + t + ", " + last + ")";
    }

    /**
     * {@code region(k)}: a code of ASCII digits (once stripped) keeps its first k digits and the rest become zeros; a code
     * of k digits or fewer comes out stripped; anything else is masked, whitespace included.
     */
    private static String region(String t, int digits) {
        String s = "btrim(" + t + ", " + WHITESPACE + ")";
        return "(case when " + s + " = '' or translate(" + s + ", '0123456789', '') <> '' then " + stars(t)
                + " when char_length(" + s + ") <= " + digits + " then " + s
                + " else left(" + s + ", " + digits + ") || repeat('0', char_length(" + s + ") - " + digits + ") end)";
    }

    /**
     * A date rule on a DATE or TIMESTAMP column. Its text starts {@code YYYY-MM-DD} when the year has four digits: every
     * finite value before the year 10000 (BC dates, at most 4713 BC, end in {@code BC}, which the Masker ignores too).
     * Later years and {@code ±infinity} are no date to the Masker, and are masked. Compared as values, so that the
     * text is made once.
     */
    private static String dated(String column, String t, String masked) {
        return "(case when " + fourDigitYear(column) + " then " + masked + " else " + stars(t) + " end)";
    }

    private static String fourDigitYear(String column) {
        return column + " > '-infinity' and " + column + " < '10000-01-01'";
    }

    /**
     * {@code ageband(w)}: full years between the birth date and today are (today − birth) / 10000 with both written as
     * yyyymmdd numbers, as Period counts them (a birthday is reached on its day; 29 February's in a common year on
     * 1 March). A birth date after today (a time on a later day) is masked, and so is any value without a four-digit
     * year; the nested case keeps the number cast away from those.
     */
    private static String ageBand(String column, String t, int width, LocalDate today) {
        int now = today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        String born = "replace(left(" + t + ", 10), '-', '')::int";
        String low = "((" + now + " - " + born + ") / 10000 / " + width + " * " + width + ")";
        String band = width == 1 ? low + "::text" : low + "::text || '-' || (" + low + " + " + (width - 1) + ")::text";
        return "(case when not (" + fourDigitYear(column) + ") then " + stars(t) + " when " + column + " < '" + today.plusDays(1)
                + "' then " + band + " else " + stars(t) + " end)";
    }
}
