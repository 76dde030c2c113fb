package org.citydata.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.citydata.kernel.calendar.WorkingCalendar.DayKind;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    // 2026's National Day: 1–7 October off, Sunday 20 September and Saturday 10 October worked (国务院办公厅, 2025-11-04)
    private final WorkingCalendar calendar = new WorkingCalendar(Map.of(
            LocalDate.of(2026, 9, 20), DayKind.WORKDAY,
            LocalDate.of(2026, 9, 25), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 1), DayKind.HOLIDAY, LocalDate.of(2026, 10, 2), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 3), DayKind.HOLIDAY, LocalDate.of(2026, 10, 4), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 5), DayKind.HOLIDAY, LocalDate.of(2026, 10, 6), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 7), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 10), DayKind.WORKDAY));

    @Test
    void weekendsHolidaysAndAdjustedWorkdays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 20))).as("a Friday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 21))).as("a Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).as("National Day, a Monday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("调休 Saturday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).as("调休 Sunday").isTrue();
    }

    @Test
    void tenWorkingDaysAcrossTheNationalDayHoliday() {
        // applied on Wednesday 30 September: 8 Oct (Thu), 9 (Fri), 10 (Sat, worked), 12–16, 19, 20 → due Tuesday 20 October
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 10)).isEqualTo(LocalDate.of(2026, 10, 20));
        // an ordinary fortnight: from Monday 16 November, 10 working days later is Monday 30 November
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 11, 16), 10)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 11, 16), 0)).isEqualTo(LocalDate.of(2026, 11, 16));
    }

    @Test
    void workingDaysBetweenCountsTheEndNotTheStart() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 20))).isEqualTo(10);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 9, 30))).isEqualTo(-10);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7))).isZero();
    }
}
