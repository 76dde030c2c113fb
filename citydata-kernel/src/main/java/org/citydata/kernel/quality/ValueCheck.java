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
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, strict("uuuu/M/d"),
            DateTimeFormatter.BASIC_ISO_DATE, strict("uuuu.M.d"));
    private static final List<DateTimeFormatter> TIMESTAMPS = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            strict("uuuu-MM-dd HH:mm:ss"), strict("uuuu-MM-dd HH:mm"), strict("uuuu/M/d H:mm:ss"), strict("uuuu/M/d H:mm"));

    /** Strict: 2023/2/29 is an error, not quietly 2023-02-28. */
    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    private ValueCheck() {}

    /**
     * The code of the first rule {@code raw} breaks, or empty when it fits. Blank counts as missing. {@code length},
     * when given, caps the number of characters.
     */
    public static Optional<String> problem(ValueKind kind, Integer length, boolean required, String raw) {
        if (raw == null || raw.isBlank()) return required ? Optional.of("value.required") : Optional.empty();
        String v = raw.strip();
        if (length != null && v.codePointCount(0, v.length()) > length) return Optional.of("value.too_long");
        return switch (kind) {
            case STRING -> Optional.empty();
            case INTEGER -> parses(() -> Long.parseLong(v), "value.integer");
            case DECIMAL -> parses(() -> new BigDecimal(v), "value.decimal");
            case BOOLEAN -> BOOLEANS.contains(v.toLowerCase(Locale.ROOT)) ? Optional.empty() : Optional.of("value.boolean");
            case DATE -> date(v).isPresent() ? Optional.empty() : Optional.of("value.date");
            case TIMESTAMP -> timestamp(v) ? Optional.empty() : Optional.of("value.timestamp");
            case RESIDENT_ID -> ResidentIdNumber.problem(v);
            case CREDIT_CODE -> CreditCode.problem(v);
            case MOBILE -> MobileNumber.isValid(v) ? Optional.empty() : Optional.of("value.mobile");
        };
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

    private static Optional<String> parses(Runnable parse, String code) {
        try {
            parse.run();
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(code);
        }
    }
}
