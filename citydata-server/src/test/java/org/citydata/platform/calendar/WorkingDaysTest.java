package org.citydata.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.kernel.calendar.WorkingCalendar;
import org.citydata.kernel.calendar.WorkingCalendar.DayKind;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WorkingDaysTest extends WebTest {

    // 2099 has no arrangements, so edits there disturb no other test; each test removes what it set
    private static final LocalDate MONDAY = LocalDate.of(2099, 3, 2);

    @Autowired
    WorkingDays workingDays;

    @AfterEach
    void removeTestDays() {
        for (int i = 0; i < 7; i++) {
            var day = MONDAY.plusDays(i);
            if (workingDays.find(day).isPresent()) workingDays.remove(day.toString(), "test");
        }
    }

    private static String path(LocalDate day) {
        return "/api/v1/calendar/days/" + day;
    }

    @Test
    void theStateCouncilArrangementsAreSeeded() {
        var national = workingDays.find(LocalDate.of(2026, 10, 1)).orElseThrow();
        assertThat(national.kind()).isEqualTo(DayKind.HOLIDAY);
        assertThat(national.name()).isEqualTo("国庆节");
        assertThat(national.changedBy()).isEqualTo("system");
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        // Saturday 10-10 and Sunday 09-20 are worked to bridge 国庆 (调休); the Sunday after stays a day off
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 9))).isTrue();

        // any signed-in person reads the year
        var year = signedIn("ga_staff").get("/api/v1/calendar/days?year=2026");
        assertThat(year.status()).as(year.body()).isEqualTo(200);
        assertThat(year.json().size()).isEqualTo(39); // the 2026 rows of cn-public-holidays.csv
        assertThat(year.json().get(0).get("day").asString()).isEqualTo("2026-01-01");
        assertThat(year.body()).contains("{\"day\":\"2026-10-10\",\"kind\":\"WORKDAY\",\"name\":\"国庆节调休\"");
    }

    @Test
    void anAnswerDueInTenWorkingDaysWaitsOutTheNationalDayHolidays() {
        // received Wednesday 09-30: 10-01..07 are off, 10-10 (Saturday) is worked
        assertThat(workingDays.dueDate(LocalDate.of(2026, 9, 30), 10)).isEqualTo(LocalDate.of(2026, 10, 20));
        // by plain weekdays it would have been 10-14
        assertThat(new WorkingCalendar(Map.of()).plusWorkingDays(LocalDate.of(2026, 9, 30), 10)).isEqualTo(LocalDate.of(2026, 10, 14));
        // from Monday 09-21 the clock also stops for 中秋 (09-25 to 09-27)
        assertThat(workingDays.dueDate(LocalDate.of(2026, 9, 21), 10)).isEqualTo(LocalDate.of(2026, 10, 12));
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 20))).isEqualTo(10);
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 20))).isEqualTo(9);
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 20))).isZero();
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 10, 21), LocalDate.of(2026, 10, 20))).isEqualTo(-1);
    }

    @Test
    void anAdministratorsEditChangesDueDatesAtOnce() {
        var admin = signedIn("dsj_admin");
        var wednesday = MONDAY.plusDays(2);
        assertThat(workingDays.dueDate(MONDAY, 3)).isEqualTo(MONDAY.plusDays(3)); // Thursday

        var set = admin.put(path(wednesday), Map.of("kind", "HOLIDAY", "name", "临时休假"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("kind").asString()).isEqualTo("HOLIDAY");
        assertThat(set.json().get("changedBy").asString()).isEqualTo("dsj_admin");
        assertThat(workingDays.dueDate(MONDAY, 3)).isEqualTo(MONDAY.plusDays(4)); // Friday

        // Saturday worked: an answer due two working days after Thursday is due that Saturday
        var saturday = MONDAY.plusDays(5);
        assertThat(workingDays.dueDate(MONDAY.plusDays(3), 2)).isEqualTo(MONDAY.plusDays(7)); // Monday
        assertThat(admin.put(path(saturday), Map.of("kind", "workday", "name", "调休")).status()).isEqualTo(200);
        assertThat(workingDays.dueDate(MONDAY.plusDays(3), 2)).isEqualTo(saturday);

        // renaming keeps one row for the day
        assertThat(admin.put(path(wednesday), Map.of("kind", "HOLIDAY", "name", "改名")).json().get("name").asString()).isEqualTo("改名");
        assertThat(admin.get("/api/v1/calendar/days?year=2099").json().size()).isEqualTo(2);

        assertThat(admin.delete(path(wednesday)).status()).isEqualTo(204);
        assertThat(workingDays.dueDate(MONDAY, 3)).isEqualTo(MONDAY.plusDays(3));
        assertThat(admin.delete(path(wednesday)).json().get("code").asString()).isEqualTo("CALENDAR_DAY_NOT_FOUND");
    }

    @Test
    void onlyThePlatformAdministratorChangesTheCalendar() {
        for (var user : new String[] {"ga_officer", "dsj_auditor", "ga_staff"}) {
            var http = signedIn(user);
            var put = http.put(path(MONDAY), Map.of("kind", "HOLIDAY", "name", "不该生效"));
            assertThat(put.status()).as(user).isEqualTo(403);
            assertThat(put.json().get("code").asString()).isEqualTo("IDENTITY_FORBIDDEN");
            assertThat(http.delete("/api/v1/calendar/days/2026-10-01").status()).as(user).isEqualTo(403);
            assertThat(http.get("/admin/calendar").status()).as(user).isEqualTo(403);
            assertThat(http.form("/admin/calendar", Map.of("day", MONDAY.toString(), "kind", "HOLIDAY", "name", "x")).status())
                    .as(user).isEqualTo(403);
        }
        assertThat(workingDays.isWorkingDay(MONDAY)).isTrue();
        assertThat(workingDays.find(LocalDate.of(2026, 10, 1))).isPresent();
    }

    @Test
    void badDatesKindsAndNamesAreRefusedWithCodes() {
        var admin = signedIn("dsj_admin").english();
        var impossible = admin.put("/api/v1/calendar/days/2026-02-30", Map.of("kind", "HOLIDAY", "name", "x"));
        assertThat(impossible.status()).isEqualTo(400);
        assertThat(impossible.json().get("code").asString()).isEqualTo("CALENDAR_INVALID");
        assertThat(impossible.json().get("violations").get(0).get("field").asString()).isEqualTo("day");
        assertThat(impossible.json().get("violations").get(0).get("code").asString()).isEqualTo("calendar.date");
        assertThat(impossible.json().get("violations").get(0).get("message").asString()).contains("2026-02-30");

        var wrong = admin.put(path(MONDAY), Map.of("kind", "VACATION", "name", " "));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("violations").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(wrong.json().get("violations").get(0).get("code").asString()).isEqualTo("calendar.kind");
        assertThat(wrong.json().get("violations").get(1).get("field").asString()).isEqualTo("name");
        assertThat(wrong.json().get("violations").get(1).get("code").asString()).isEqualTo("required");
        assertThat(admin.put(path(MONDAY), Map.of("kind", "HOLIDAY", "name", "长".repeat(51))).json().get("violations").get(0)
                .get("code").asString()).isEqualTo("too_long");
        assertThat(admin.delete("/api/v1/calendar/days/tomorrow").json().get("code").asString()).isEqualTo("CALENDAR_INVALID");
        assertThat(admin.get("/api/v1/calendar/days?year=abc").json().get("code").asString()).isEqualTo("REQUEST_INVALID_PARAMETER");
        assertThat(admin.get("/api/v1/calendar/days?year=10000").json().get("code").asString()).isEqualTo("CALENDAR_INVALID");
        assertThat(workingDays.isWorkingDay(MONDAY)).isTrue();
    }

    @Test
    void theAdminPageShowsTheYearAndChangesADay() {
        var admin = signedIn("dsj_admin");
        var page = admin.get("/admin/calendar?year=2026");
        assertThat(page.status()).isEqualTo(200);
        assertThat(cellClass(page.body(), "2026-10-01")).isEqualTo("off holiday");
        assertThat(cellClass(page.body(), "2026-10-10")).isEqualTo("work adjusted");
        assertThat(cellClass(page.body(), "2026-10-11")).isEqualTo("off weekend");
        assertThat(cellClass(page.body(), "2026-10-12")).isEqualTo("work");
        assertThat(page.body()).contains("国庆节调休").contains("id=\"nav-calendar\"");
        var today = LocalDate.now();
        assertThat(cellClass(admin.get("/admin/calendar").body(), today.toString())).endsWith(" today");

        var saved = admin.form("/admin/calendar", Map.of("day", MONDAY.toString(), "kind", "HOLIDAY", "name", "页面设置"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith("/admin/calendar?year=2099");
        assertThat(workingDays.isWorkingDay(MONDAY)).isFalse();
        assertThat(cellClass(admin.get("/admin/calendar?year=2099").body(), MONDAY.toString())).isEqualTo("off holiday");
        assertThat(admin.get("/admin/calendar?day=" + MONDAY).body()).contains("value=\"页面设置\"").contains("id=\"calendar-remove\"");

        var invalid = admin.form("/admin/calendar", Map.of("day", MONDAY.toString(), "kind", "HOLIDAY", "name", ""));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"violations\"");

        assertThat(admin.form("/admin/calendar/remove", Map.of("day", MONDAY.toString())).status()).isEqualTo(302);
        assertThat(workingDays.isWorkingDay(MONDAY)).isTrue();
        // the rest of the platform does not show the link
        assertThat(signedIn("ga_officer").get("/").body()).doesNotContain("nav-calendar");
    }

    private static String cellClass(String html, String day) {
        var cell = Pattern.compile("<td[^>]*data-date=\"" + day + "\"[^>]*>").matcher(html);
        assertThat(cell.find()).as("a cell for " + day).isTrue();
        var css = Pattern.compile("class=\"([^\"]*)\"").matcher(cell.group());
        assertThat(css.find()).as(cell.group()).isTrue();
        return css.group(1);
    }
}
