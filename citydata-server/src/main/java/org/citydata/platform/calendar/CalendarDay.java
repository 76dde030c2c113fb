package org.citydata.platform.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.citydata.kernel.calendar.WorkingCalendar.DayKind;

/** A date that is not what its weekday says: a holiday (also on a weekend) or a weekend day worked (调休). */
public record CalendarDay(LocalDate day, DayKind kind, String name, String changedBy, OffsetDateTime changedAt) {}
