package org.citydata.kernel.quality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.MobileNumber;
import org.citydata.kernel.id.ResidentIdNumber;

/**
 * Whether one raw value (as read from a file, a database or an API) fits its field: required-ness, length, type and,
 * for identifier types, the identifier's own rules. Answers with the code of the broken rule, which a quarantine
 * record keeps beside the value.
 */
public final class ValueCheck {

    private static final Set<String> BOOLEANS = Set.of("true", "false", "1", "0", "y", "n", "yes", "no", "是", "否");
    private static final Set<String> TRUE = Set.of("true", "1", "y", "yes", "是");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, strict("uuuu/M/d"),
            DateTimeFormatter.BASIC_ISO_DATE, strict("uuuu.M.d"));
    private static final List<DateTimeFormatter> TIMESTAMPS = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            strict("uuuu-MM-dd HH:mm:ss"), strict("uuuu-MM-dd HH:mm"), strict("uuuu/M/d H:mm:ss"), strict("uuuu/M/d H:mm"));

    /** Strict: 2023/2/29 is an error, not quietly 2023-02-28. */
    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    private ValueCheck() {}

    /** A value that fits, in its one spelling (null for blank), or the code of the rule it broke. */
    public record Checked(String value, String problem) {
        private static final Checked BLANK = new Checked(null, null);
        private static final Checked REQUIRED = new Checked(null, "value.required");

        public boolean fits() {
            return problem == null;
        }

        static Checked broken(String problem) {
            return new Checked(null, problem);
        }
    }

    /**
     * The code of the first rule {@code raw} breaks, or empty when it fits. Blank counts as missing. {@code length},
     * when given, caps the number of characters.
     */
    public static Optional<String> problem(ValueKind kind, Integer length, boolean required, String raw) {
        return Optional.ofNullable(check(kind, length, required, raw).problem());
    }

    /**
     * Checks a value once and gives it as stored: blank as null, integers and decimals plainly written, booleans as
     * true/false, dates as ISO dates, resident IDs with a capital X, mobiles as their eleven digits.
     */
    public static Checked check(ValueKind kind, Integer length, boolean required, String raw) {
        if (raw == null || raw.isBlank()) return required ? Checked.REQUIRED : Checked.BLANK;
        String v = raw.strip();
        if (length != null && v.codePointCount(0, v.length()) > length) return Checked.broken("value.too_long");
        try {
            return switch (kind) {
                case STRING -> new Checked(v, null);
                case TIMESTAMP -> timestamp(v) ? new Checked(v, null) : Checked.broken("value.timestamp");
                case CREDIT_CODE -> CreditCode.problem(v).map(Checked::broken).orElseGet(() -> new Checked(v, null));
                case INTEGER -> new Checked(Long.toString(Long.parseLong(v)), null);
                case DECIMAL -> new Checked(new BigDecimal(v).toPlainString(), null);
                case BOOLEAN -> {
                    String b = v.toLowerCase(Locale.ROOT);
                    yield BOOLEANS.contains(b) ? new Checked(TRUE.contains(b) ? "true" : "false", null) : Checked.broken("value.boolean");
                }
                case DATE -> isoDate(v) ? new Checked(v, null)
                        : date(v).map(d -> new Checked(d.toString(), null)).orElse(Checked.broken("value.date"));
                case RESIDENT_ID -> ResidentIdNumber.problem(v).map(Checked::broken).orElseGet(() -> new Checked(v.toUpperCase(Locale.ROOT), null));
                case MOBILE -> MobileNumber.normalize(v).map(m -> new Checked(m, null)).orElse(Checked.broken("value.mobile"));
            };
        } catch (NumberFormatException e) {
            return Checked.broken(kind == ValueKind.INTEGER ? "value.integer" : "value.decimal");
        }
    }

    /** yyyy-MM-dd and a real day: the common case, without a formatter. */
    private static boolean isoDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') return false;
        for (int i = 0; i < 10; i++) if (i != 4 && i != 7 && (v.charAt(i) < '0' || v.charAt(i) > '9')) return false;
        int year = Integer.parseInt(v, 0, 4, 10), month = Integer.parseInt(v, 5, 7, 10), day = Integer.parseInt(v, 8, 10, 10);
        return month >= 1 && month <= 12 && day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    public static Optional<LocalDate> date(String v) {
        for (var format : DATES) {
            try {
                return Optional.of(LocalDate.parse(v, format));
            } catch (DateTimeParseException ignored) {
                // try the next way of writing a date
            }
        }
        return Optional.empty();
    }

    private static boolean timestamp(String v) {
        try {
            OffsetDateTime.parse(v);
            return true;
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        for (var format : TIMESTAMPS) {
            try {
                LocalDateTime.parse(v, format);
                return true;
            } catch (DateTimeParseException ignored) {
                // try the next way of writing a time
            }
        }
        return false;
    }


}
