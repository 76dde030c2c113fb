package org.citydata.platform.calendar;

import java.time.LocalDate;
import java.util.Map;
import org.citydata.kernel.calendar.WorkingCalendar;
import org.springframework.stereotype.Component;

// placeholder until the calendar branch merges
/** Working-day deadlines; this stand-in counts plain weekdays (no holidays, no 调休). */
@Component
public class WorkingDays {

    private final WorkingCalendar calendar = new WorkingCalendar(Map.of());

    /** The day an answer is due {@code workingDays} working days after {@code start} (the start day does not count). */
    public LocalDate dueDate(LocalDate start, int workingDays) {
        return calendar.plusWorkingDays(start, workingDays);
    }

    /** Working days after {@code today} up to and including {@code due}; negative once {@code due} has passed. */
    public int workingDaysLeft(LocalDate today, LocalDate due) {
        return calendar.workingDaysBetween(today, due);
    }
}
