package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.opendata.DataRequests;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.Opening;
import org.citydata.opendata.Openings;
import org.citydata.opendata.Reuses;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 数据需求 and 应用展示 pages: on the portal for everyone, in the console for the departments answering and the bureau. */
@PageController
class CommunityPages {

    private final DataRequests requests;
    private final Reuses reuses;
    private final Openings openings;
    private final OpenData openData;
    private final Departments departments;
    private final Readers readers;
    private final Messages messages;
    private final AccessPolicy policy;

    CommunityPages(DataRequests requests, Reuses reuses, Openings openings, OpenData openData, Departments departments, Readers readers,
                   Messages messages, AccessPolicy policy) {
        this.policy = policy;
        this.requests = requests;
        this.reuses = reuses;
        this.openings = openings;
        this.openData = openData;
        this.departments = departments;
        this.readers = readers;
        this.messages = messages;
    }

    // ------------------------------------------------------------------ portal

    @GetMapping("/open/requests")
    String requests(@RequestParam(required = false) DataRequests.State state, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("requests", requests.list(state, page));
        model.addAttribute("state", state);
        model.addAttribute("page", page);
        model.addAttribute("departments", departments.all());
        model.addAttribute("names", departmentNames());
        return "portal/requests";
    }

    @PostMapping("/open/requests")
    String ask(@RequestParam(required = false) String title, @RequestParam(required = false) String description,
               @RequestParam(required = false) String requesterName, @RequestParam(required = false) String requesterEmail,
               @RequestParam(required = false) String departmentCode, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        var form = new DataRequests.RequestForm(title, description, requesterName, requesterEmail, departmentCode);
        var result = requests.ask(form, readers.client(request));
        if (result.succeeded()) {
            redirect.addFlashAttribute("notice", messages.get("portal.requests.filed"));
            return "redirect:/open/requests";
        }
        failed(model, result.problem());
        model.addAttribute("form", form);
        return requests(null, 0, model);
    }

    @GetMapping("/open/reuses")
    String reuses(Model model) {
        model.addAttribute("reuses", reuses.published(null));
        model.addAttribute("datasets", publishedNames());
        model.addAttribute("kinds", Reuses.Kind.values());
        return "portal/reuses";
    }

    @PostMapping("/open/reuses")
    String submit(@RequestParam(required = false) String title, @RequestParam(required = false) String description,
                  @RequestParam(required = false) String url, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String author, @RequestParam(required = false) List<String> datasets,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        var chosen = Arrays.stream(Reuses.Kind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        var form = new Reuses.ReuseForm(title, description, url, chosen, author, datasets);
        var result = reuses.submit(form, readers.client(request));
        if (result.succeeded()) {
            redirect.addFlashAttribute("notice", messages.get("portal.reuses.submitted"));
            return "redirect:/open/reuses";
        }
        failed(model, result.problem());
        model.addAttribute("form", form);
        return reuses(model);
    }

    // ------------------------------------------------------------------ console

    @GetMapping("/openings/requests")
    String toAnswer(Actor actor, Model model) {
        model.addAttribute("requests", requests.toAnswer(actor));
        model.addAttribute("names", departmentNames());
        model.addAttribute("departments", departments.all());
        model.addAttribute("outcomes", DataRequests.Outcome.values());
        model.addAttribute("bureau", policy.canReviewOpenings(actor));
        return "opendata/requests";
    }

    @PostMapping("/openings/requests/{id}/answer")
    String answer(Actor actor, @PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam(required = false) String answer,
                  @RequestParam(required = false) String datasetCode, RedirectAttributes redirect) {
        var chosen = Arrays.stream(DataRequests.Outcome.values()).filter(o -> o.name().equals(outcome)).findFirst().orElse(null);
        return done(requests.answer(actor, id, chosen, answer, datasetCode), "opendata.requests.answered", "/openings/requests", redirect);
    }

    @PostMapping("/openings/requests/{id}/route")
    String route(Actor actor, @PathVariable long id, @RequestParam(required = false) String departmentCode, RedirectAttributes redirect) {
        return done(requests.route(actor, id, departmentCode), "opendata.requests.routed", "/openings/requests", redirect);
    }

    @GetMapping("/openings/reuses")
    String waiting(Actor actor, Model model) {
        model.addAttribute("reuses", unwrap(reuses.waiting(actor)));
        model.addAttribute("datasets", publishedNames());
        return "opendata/reuses";
    }

    @PostMapping("/openings/reuses/{id}/{decision:publish|reject}")
    String moderate(Actor actor, @PathVariable long id, @PathVariable String decision, RedirectAttributes redirect) {
        return done(reuses.moderate(actor, id, decision.equals("publish")), "opendata.reuses." + decision, "/openings/reuses", redirect);
    }

    // ------------------------------------------------------------------ parts

    private String done(Result<?> result, String notice, String back, RedirectAttributes redirect) {
        if (result.succeeded()) redirect.addFlashAttribute("notice", messages.get(notice));
        else {
            redirect.addFlashAttribute("problem", messages.problem(result.problem()));
            redirect.addFlashAttribute("violations", messages.violations(result.problem().violations()));
        }
        return "redirect:" + back;
    }

    private void failed(Model model, Problem problem) {
        model.addAttribute("problem", messages.problem(problem));
        model.addAttribute("violations", messages.violations(problem.violations()));
    }

    private java.util.Map<String, String> departmentNames() {
        var names = new java.util.HashMap<String, String>();
        departments.all().forEach(d -> names.put(d.code(), d.name(Messages.locale())));
        return names;
    }

    /** Published datasets by code, with their names, for choosing and showing what a reuse uses. */
    private java.util.Map<String, String> publishedNames() {
        var names = new java.util.LinkedHashMap<String, String>();
        var codes = openings.published().newestFirst().stream().map(Opening::resourceCode).toList();
        for (var d : openData.datasets(codes, Messages.locale())) names.put(d.code(), d.name());
        return names;
    }
}
