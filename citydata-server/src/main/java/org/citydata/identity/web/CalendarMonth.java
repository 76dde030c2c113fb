package org.citydata.identity.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citydata.kernel.calendar.WorkingCalendar;
import org.citydata.platform.calendar.CalendarDay;

/** One month of the calendar page: weeks Monday to Sunday, the days outside the month left empty. */
record CalendarMonth(String title, List<List<Cell>> weeks) {

    /**
     * A day as the page shows it. {@code kind} is HOLIDAY or WORKDAY when the day is an exception, else null;
     * {@code date} is null for the padding before the 1st and after the last day.
     */
    record Cell(LocalDate date, boolean working, boolean weekend, String kind, String name, boolean today) {

        public String css() {
            if (date == null) return "pad";
            var classes = new StringBuilder(working ? "work" : "off");
            if (kind != null) classes.append(kind.equals("HOLIDAY") ? " holiday" : " adjusted");
            else if (weekend) classes.append(" weekend");
            if (today) classes.append(" today");
            return classes.toString();
        }
    }

    static List<CalendarMonth> year(int year, WorkingCalendar calendar, Map<LocalDate, CalendarDay> exceptions,
                                    LocalDate today, Locale locale) {
        var months = new ArrayList<CalendarMonth>(12);
        for (int m = 1; m <= 12; m++) {
            var first = LocalDate.of(year, m, 1);
            var weeks = new ArrayList<List<Cell>>();
            var week = new ArrayList<Cell>();
            for (int pad = 1; pad < first.getDayOfWeek().getValue(); pad++) week.add(new Cell(null, false, false, null, null, false));
            for (var d = first; d.getMonthValue() == m; d = d.plusDays(1)) {
                var exception = exceptions.get(d);
                boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                week.add(new Cell(d, calendar.isWorkingDay(d), weekend, exception == null ? null : exception.kind().name(),
                        exception == null ? null : exception.name(), d.equals(today)));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) week.add(new Cell(null, false, false, null, null, false));
                weeks.add(week);
            }
            // Chinese readers expect 10月, not 十月; others the full month name
            var style = locale.getLanguage().equals("zh") ? TextStyle.SHORT : TextStyle.FULL;
            months.add(new CalendarMonth(first.getMonth().getDisplayName(style, locale), weeks));
        }
        return months;
    }
}
