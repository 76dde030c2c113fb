package org.citydata.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.citydata.audit.AccessRecord.Outcome;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/**
 * Which records to list; every part optional. {@code department} (a department code) matches the reads it made and
 * the reads of its resources; {@code resource} a resource code; {@code actor} the reader's signature (a user name);
 * {@code from} inclusive, {@code to} exclusive.
 */
public record RecordFilter(String resource, String department, String actor, Outcome outcome, Instant from, Instant to) {

    public static final RecordFilter NONE = new RecordFilter(null, null, null, null, null, null);

    /**
     * From request parameters. Times are a date ({@code 2026-11-21}: {@code to} then includes that whole day), a local
     * date and time ({@code 2026-11-21T09:30}), both in the platform's time zone, or an instant with its offset.
     */
    public static Result<RecordFilter> parse(String resource, String department, String actor, String outcome, String from, String to) {
        Outcome o = null;
        if (!blank(outcome)) {
            try {
                o = Outcome.valueOf(outcome.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return invalid("outcome", outcome);
            }
        }
        Instant start = null;
        Instant end = null;
        try {
            if (!blank(from)) start = time(from.strip(), false);
        } catch (DateTimeParseException e) {
            return invalid("from", from);
        }
        try {
            if (!blank(to)) end = time(to.strip(), true);
        } catch (DateTimeParseException e) {
            return invalid("to", to);
        }
        return Result.ok(new RecordFilter(text(resource), text(department), text(actor), o, start, end));
    }

    private static Instant time(String text, boolean end) {
        var zone = ZoneId.systemDefault();
        if (text.length() == 10) {
            var day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }

    private static <T> Result<T> invalid(String name, String value) {
        return Result.failure(Problem.of(Problem.Kind.INVALID, "REQUEST_INVALID_PARAMETER", name, value));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(String s) {
        return blank(s) ? null : s.strip();
    }
}
