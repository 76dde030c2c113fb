package org.citydata.identity.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.platform.calendar.CalendarDay;
import org.citydata.platform.calendar.DayChange;
import org.citydata.platform.calendar.WorkingDays;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working calendar over the API. It lives here rather than in the platform because the platform knows no actors:
 * the bureau's right to change it is an identity rule.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "calendar", description = "工作日历: public holidays and adjusted working days (法定节假日与调休)")
class CalendarApi {

    private final WorkingDays workingDays;
    private final AccessPolicy policy;

    CalendarApi(WorkingDays workingDays, AccessPolicy policy) {
        this.workingDays = workingDays;
        this.policy = policy;
    }

    record DayBody(String kind, String name) {}

    @GetMapping("/days")
    @Operation(summary = "A year's holidays and adjusted working days (调休), in date order; other days follow their weekday")
    List<CalendarDay> days(Actor actor, @RequestParam(required = false) @Parameter(description = "default: this year") Integer year) {
        return unwrap(workingDays.year(year == null ? LocalDate.now().getYear() : year));
    }

    @PutMapping("/days/{day}")
    @Operation(summary = "Make a day a holiday (HOLIDAY) or a working day (WORKDAY), with its name (platform administrators)")
    CalendarDay set(Actor actor, @PathVariable @Parameter(description = "2026-10-01") String day, @RequestBody DayBody body) {
        requireEditor(actor);
        return unwrap(workingDays.set(new DayChange(day, body.kind(), body.name()), actor.signature()));
    }

    @DeleteMapping("/days/{day}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give a day back to its weekday's rule (platform administrators)")
    void remove(Actor actor, @PathVariable String day) {
        requireEditor(actor);
        unwrap(workingDays.remove(day, actor.signature()));
    }

    private void requireEditor(Actor actor) {
        if (!policy.canEditCalendar(actor)) throw new ProblemException(Problem.forbidden("IDENTITY_FORBIDDEN", "working calendar"));
    }
}
