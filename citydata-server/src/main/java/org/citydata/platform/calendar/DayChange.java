package org.citydata.platform.calendar;

/**
 * What an administrator states about a day, as a form or an API body carries it: {@code day} as {@code 2026-10-01},
 * {@code kind} {@code HOLIDAY} or {@code WORKDAY}, and the name people know it by (国庆节, 国庆节调休). Checked by
 * {@link WorkingDays#set}.
 */
public record DayChange(String day, String kind, String name) {}
