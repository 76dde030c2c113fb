package org.citydata.identity.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.platform.calendar.CalendarDay;
import org.citydata.platform.calendar.DayChange;
import org.citydata.platform.calendar.WorkingDays;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The bureau's page for the working calendar: a year as month grids, and the form that changes a day. */
@PageController
class CalendarPages {

    private final WorkingDays workingDays;
    private final AccessPolicy policy;
    private final Messages messages;

    CalendarPages(WorkingDays workingDays, AccessPolicy policy, Messages messages) {
        this.workingDays = workingDays;
        this.policy = policy;
        this.messages = messages;
    }

    /** {@code day} opens that day in the form (a click on the grid). */
    @GetMapping("/admin/calendar")
    String calendar(Actor actor, @RequestParam(required = false) Integer year, @RequestParam(required = false) String day,
                    Model model) {
        requireEditor(actor);
        var chosen = parse(day);
        int shown = year != null ? year : chosen != null ? chosen.getYear() : LocalDate.now().getYear();
        var form = chosen == null ? new DayChange("", "HOLIDAY", "")
                : workingDays.find(chosen).map(d -> new DayChange(d.day().toString(), d.kind().name(), d.name()))
                .orElse(new DayChange(chosen.toString(), "HOLIDAY", ""));
        return page(model, shown, form);
    }

    @PostMapping("/admin/calendar")
    String save(Actor actor, DayChange form, Model model, RedirectAttributes redirect) {
        requireEditor(actor);
        var saved = workingDays.set(form, actor.signature());
        if (!saved.succeeded()) {
            model.addAttribute("problem", messages.problem(saved.problem()));
            model.addAttribute("violations", messages.violations(saved.problem().violations()));
            var day = parse(form.day());
            return page(model, day == null ? LocalDate.now().getYear() : day.getYear(), form);
        }
        var d = saved.value();
        redirect.addFlashAttribute("notice", messages.get("calendar.saved", d.day(), messages.get("calendar.kind." + d.kind()), d.name()));
        return "redirect:/admin/calendar?year=" + d.day().getYear();
    }

    @PostMapping("/admin/calendar/remove")
    String remove(Actor actor, @RequestParam String day, RedirectAttributes redirect) {
        requireEditor(actor);
        var removed = unwrap(workingDays.remove(day, actor.signature()));
        redirect.addFlashAttribute("notice", messages.get("calendar.removed", removed.day(), removed.name()));
        return "redirect:/admin/calendar?year=" + removed.day().getYear();
    }

    private String page(Model model, int year, DayChange form) {
        var days = unwrap(workingDays.year(year));
        var byDate = days.stream().collect(Collectors.toMap(CalendarDay::day, Function.identity()));
        model.addAttribute("year", year);
        model.addAttribute("days", days);
        model.addAttribute("months", CalendarMonth.year(year, workingDays.calendar(), byDate, LocalDate.now(), Messages.locale()));
        model.addAttribute("form", form);
        model.addAttribute("existing", parse(form.day()) != null && workingDays.find(parse(form.day())).isPresent());
        return "identity/calendar";
    }

    private void requireEditor(Actor actor) {
        if (!policy.canEditCalendar(actor)) throw new ProblemException(Problem.forbidden("IDENTITY_FORBIDDEN", "working calendar"));
    }

    private static LocalDate parse(String day) {
        if (day == null || day.isBlank()) return null;
        try {
            return LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
