package org.citydata.platform.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.calendar.WorkingCalendar;
import org.citydata.kernel.calendar.WorkingCalendar.DayKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The platform's working days: Monday to Friday, except the holidays and adjusted working days stored in
 * {@code platform_calendar_day} (seeded with the State Council arrangements, kept up by the bureau). Every deadline
 * counted in working days asks here.
 *
 * <p>The calendar is held in memory. An edit through this bean replaces it at once; an edit made on another node of
 * a cluster is seen here within a minute, when the held copy is read again.
 *
 * <p>Who may edit is not asked here (the platform knows no actors): callers check
 * {@code AccessPolicy.canEditCalendar} first.
 */
@Service
public class WorkingDays {

    private static final Logger log = LoggerFactory.getLogger(WorkingDays.class);
    static final long MAX_AGE_NANOS = 60_000_000_000L;
    static final int MAX_NAME = 50;
    static final int MIN_YEAR = 1900, MAX_YEAR = 2999;

    private record Held(WorkingCalendar calendar, long loadedAt) {}

    private final JdbcClient db;
    private volatile Held held;

    WorkingDays(JdbcClient db) {
        this.db = db;
    }

    /** The calendar as it stands now. */
    public WorkingCalendar calendar() {
        var h = held;
        if (h == null || System.nanoTime() - h.loadedAt() > MAX_AGE_NANOS) h = reload();
        return h.calendar();
    }

    /**
     * The day an answer is due when the clock starts on {@code start}: {@code workingDays} working days later, the
     * start day not counted (a request received on Wednesday 2026-09-30 with 10 working days is due 2026-10-20,
     * after 国庆 and the 调休 Saturday 10-10).
     */
    public LocalDate dueDate(LocalDate start, int workingDays) {
        return calendar().plusWorkingDays(start, workingDays);
    }

    /**
     * Working days after {@code today} up to and including {@code due}: 1 when due on the next working day, 0 on the
     * due date itself. Past the due date the count is negative, but only working days count, so it is still 0 on a
     * weekend right after a Friday due date: compare the dates to tell whether something is overdue.
     */
    public int workingDaysLeft(LocalDate today, LocalDate due) {
        return calendar().workingDaysBetween(today, due);
    }

    public boolean isWorkingDay(LocalDate date) {
        return calendar().isWorkingDay(date);
    }

    /** The exceptions of a year (1900–2999), in date order. */
    public Result<List<CalendarDay>> year(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR)
            return Result.failure(Problem.invalid("CALENDAR_INVALID", List.of(Violation.of("year", "range", MIN_YEAR, MAX_YEAR))));
        return Result.ok(db.sql("select * from platform_calendar_day where day between ? and ? order by day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).query(CalendarDay.class).list());
    }

    public Optional<CalendarDay> find(LocalDate day) {
        return db.sql("select * from platform_calendar_day where day = ?").param(day).query(CalendarDay.class).optional();
    }

    /**
     * Makes a day a holiday or a working day, or renames it; {@code CALENDAR_INVALID} with a violation per broken
     * rule (day, kind, name). Deadlines computed from now on count with it.
     */
    public Result<CalendarDay> set(DayChange change, String changedBy) {
        var violations = new ArrayList<Violation>();
        var day = parseDay(change.day(), violations);
        DayKind kind = null;
        String kindText = change.kind() == null ? "" : change.kind().strip().toUpperCase(Locale.ROOT);
        if (kindText.isEmpty()) violations.add(Violation.of("kind", "required"));
        else if (!kindText.equals("HOLIDAY") && !kindText.equals("WORKDAY")) violations.add(Violation.of("kind", "calendar.kind", change.kind()));
        else kind = DayKind.valueOf(kindText);
        String name = change.name() == null ? "" : change.name().strip();
        if (name.isEmpty()) violations.add(Violation.of("name", "required"));
        else if (name.length() > MAX_NAME) violations.add(Violation.of("name", "too_long", MAX_NAME));
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("CALENDAR_INVALID", violations));

        db.sql("""
                insert into platform_calendar_day (day, kind, name, changed_by) values (?, ?, ?, ?)
                on conflict (day) do update set kind = excluded.kind, name = excluded.name,
                    changed_by = excluded.changed_by, changed_at = now()""")
                .params(day, kind.name(), name, changedBy).update();
        reload();
        log.info("working calendar: {} is now {} ({}), by {}", day, kind, name, changedBy);
        return Result.ok(find(day).orElseThrow());
    }

    /** Gives a day back to its weekday's rule; {@code CALENDAR_DAY_NOT_FOUND} when it was no exception. */
    public Result<CalendarDay> remove(String dayText, String changedBy) {
        var violations = new ArrayList<Violation>();
        var day = parseDay(dayText, violations);
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("CALENDAR_INVALID", violations));
        var existing = find(day);
        if (existing.isEmpty()) return Result.failure(Problem.notFound("CALENDAR_DAY_NOT_FOUND", day));
        db.sql("delete from platform_calendar_day where day = ?").param(day).update();
        reload();
        // the row is gone, so the log keeps who removed it
        log.info("working calendar: {} ({} {}) removed by {}", day, existing.get().kind(), existing.get().name(), changedBy);
        return Result.ok(existing.get());
    }

    private static LocalDate parseDay(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(Violation.of("day", "required"));
            return null;
        }
        try {
            var day = LocalDate.parse(text.strip());
            if (day.getYear() >= MIN_YEAR && day.getYear() <= MAX_YEAR) return day;
        } catch (DateTimeParseException e) {
            // reported below, like a date out of range
        }
        violations.add(Violation.of("day", "calendar.date", text));
        return null;
    }

    // synchronized: a reload that read before an edit cannot overwrite the one the edit started after it
    private synchronized Held reload() {
        var exceptions = new HashMap<LocalDate, DayKind>();
        db.sql("select day, kind from platform_calendar_day")
                .query(rs -> { exceptions.put(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2))); });
        var h = new Held(new WorkingCalendar(exceptions), System.nanoTime());
        held = h;
        return h;
    }
}
