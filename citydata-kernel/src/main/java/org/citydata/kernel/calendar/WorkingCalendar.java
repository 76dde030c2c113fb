package org.citydata.kernel.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which days are working days in mainland China: Monday to Friday, except the public holidays, plus the weekend days
 * made working days to bridge a holiday (调休). Deadlines such as "answer within 10 working days" count on it.
 * Years without published arrangements count plain weekdays, so a missing year errs towards shorter deadlines.
 */
public final class WorkingCalendar {

    /** What a date is when it is not what its weekday says. */
    public enum DayKind { HOLIDAY, WORKDAY }

    private final TreeMap<LocalDate, DayKind> exceptions;

    public WorkingCalendar(Map<LocalDate, DayKind> exceptions) {
        this.exceptions = new TreeMap<>(exceptions);
    }

    public boolean isWorkingDay(LocalDate date) {
        var kind = exceptions.get(date);
        if (kind != null) return kind == DayKind.WORKDAY;
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The working day {@code days} working days after {@code start}: the day an answer is due when the clock starts on
     * {@code start} (the start day itself does not count, as in administrative practice).
     */
    public LocalDate plusWorkingDays(LocalDate start, int days) {
        if (days < 0) throw new IllegalArgumentException("days must not be negative: " + days);
        var date = start;
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) counted++;
        }
        return date;
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) return -workingDaysBetween(to, from);
        int count = 0;
        for (var date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) if (isWorkingDay(date)) count++;
        return count;
    }
}
