package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.Resource;
import org.citydata.datastore.Datastore;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.opendata.Licence;
import org.citydata.opendata.OpenRates;
import org.citydata.opendata.Opening;
import org.citydata.opendata.OpeningForm;
import org.citydata.opendata.Openings;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.privacy.MaskingChoices;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of 数据开放: the openings list with the open rate, proposing or revising an opening (fields, masking,
 * quasi-identifiers), one opening with its risk assessment, history and the steps its reader may take.
 */
@PageController
class OpeningPages {

    /** Labels that mark a field as a quasi-identifier by default: who someone is, when born, where they live. */
    private static final Pattern QUASI_LABEL = Pattern.compile(".*(性别|年龄|出生|区县|区划|街道|乡镇|邮编|民族|sex|gender|age|birth|district|postcode).*",
            Pattern.CASE_INSENSITIVE);

    private final Openings openings;
    private final OpenRates rates;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final Messages messages;

    OpeningPages(Openings openings, OpenRates rates, Catalog catalog, AccessPolicy policy, Messages messages) {
        this.openings = openings;
        this.rates = rates;
        this.catalog = catalog;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/openings")
    String list(Actor actor, @RequestParam(required = false) String state, Model model) {
        Opening.State chosen = null;
        for (var s : Opening.State.values()) if (s.name().equalsIgnoreCase(state == null ? "" : state)) chosen = s;
        var list = openings.list(actor, chosen);
        var names = new java.util.HashMap<String, String>();
        list.forEach(o -> names.computeIfAbsent(o.resourceCode(), c -> { var r = catalog.get(actor, c); return r.succeeded() ? r.value().metadata().name() : c; }));
        model.addAttribute("openings", list);
        model.addAttribute("names", names);
        model.addAttribute("state", chosen == null ? null : chosen.name());
        model.addAttribute("states", Opening.State.values());
        model.addAttribute("rates", rates.report(Messages.locale()));
        model.addAttribute("reviewer", policy.canReviewOpenings(actor));
        return "opendata/openings";
    }

    /** One row of the opening form: a catalog field, whether it is opened, its masking choices and quasi-identifier mark. */
    record FieldRow(String name, String label, String type, String level, boolean opened, String masking, boolean quasi,
                    List<Choice> choices) {}

    record Choice(String rule, String label) {}

    /** What the form holds, as typed or as stored. */
    record FormView(Map<String, String> fields, List<String> quasi, String k, String licence, String condition) {}

    @GetMapping("/openings/new")
    String proposeForm(Actor actor, @RequestParam String resource, Model model) {
        var r = unwrap(catalog.get(actor, resource));
        var fields = new LinkedHashMap<String, String>();
        var quasi = new ArrayList<String>();
        for (var f : r.metadata().fields()) {
            fields.put(f.name(), Datastore.defaultMasking(f).text());
            if (f.type() == FieldType.DATE || QUASI_LABEL.matcher(f.label() + " " + f.name()).matches()) quasi.add(f.name());
        }
        return form(r, null, new FormView(fields, quasi, Integer.toString(openings.defaultK()), Licence.CC_BY_4_0.id, null), model);
    }

    @PostMapping("/openings")
    String propose(Actor actor, @RequestParam MultiValueMap<String, String> p, Model model, HttpServletRequest request,
                   RedirectAttributes redirect) {
        var r = unwrap(catalog.get(actor, p.getFirst("resourceCode") == null ? "" : p.getFirst("resourceCode")));
        var view = view(r, p);
        var result = formOf(r, view).flatMap(form -> openings.propose(actor, form, RequestIdFilter.of(request)));
        return done(result, r, null, view, model, redirect);
    }

    @GetMapping("/openings/{id}/edit")
    String reviseForm(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean fixes, Model model) {
        var opening = unwrap(openings.get(actor, id));
        var r = unwrap(catalog.get(actor, opening.resourceCode()));
        var fields = new LinkedHashMap<>(opening.fields());
        if (fixes && opening.assessment() != null) {
            // the assessment's fixes: each blocking field's safe rule, and the generalization that reaches k
            opening.assessment().blockers().stream().filter(b -> b.fix() != null && fields.containsKey(b.field()))
                    .forEach(b -> fields.put(b.field(), b.fix()));
            if (opening.assessment().kAnonymity() != null) fields.putAll(opening.assessment().kAnonymity().suggestion());
        }
        return form(r, opening, new FormView(fields, opening.quasiIdentifiers(), Integer.toString(opening.k()), opening.licence(),
                opening.openCondition()), model);
    }

    @PostMapping("/openings/{id}/edit")
    String revise(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> p, Model model,
                  HttpServletRequest request, RedirectAttributes redirect) {
        var opening = unwrap(openings.get(actor, id));
        var r = unwrap(catalog.get(actor, opening.resourceCode()));
        var view = view(r, p);
        var result = formOf(r, view).flatMap(form -> openings.revise(actor, id, form, RequestIdFilter.of(request)));
        return done(result, r, opening, view, model, redirect);
    }

    @GetMapping("/openings/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        var opening = unwrap(openings.get(actor, id));
        model.addAttribute("o", opening);
        model.addAttribute("resource", unwrap(catalog.get(actor, opening.resourceCode())));
        model.addAttribute("history", unwrap(openings.history(actor, id)));
        model.addAttribute("maskings", opening.fields().entrySet().stream()
                .map(e -> new Choice(e.getKey(), messages.masking(e.getValue()))).toList());
        model.addAttribute("findings", opening.assessment() == null ? List.of() : opening.assessment().findings().stream()
                .map(f -> new FindingView(f.code(), f.blocks(), f.field(), messages.get("opendata.finding." + f.code(), f.args().toArray()),
                        f.fix() == null ? null : f.fix().contains("=") ? f.fix() : messages.masking(f.fix()))).toList());
        boolean provider = policy.canProposeOpeningsOf(actor, opening.providerId());
        boolean bureau = policy.canReviewOpenings(actor);
        model.addAttribute("can", Map.of(
                "revise", provider && Opening.Action.REVISE.allowedFrom(opening.state()),
                "withdraw", provider && Opening.Action.WITHDRAW.allowedFrom(opening.state()),
                "reassess", (provider || bureau) && Opening.Action.REASSESS.allowedFrom(opening.state()),
                "review", bureau && Opening.Action.APPROVE.allowedFrom(opening.state()),
                "unpublish", (provider || bureau) && Opening.Action.UNPUBLISH.allowedFrom(opening.state())));
        return "opendata/opening";
    }

    record FindingView(String code, boolean blocks, String field, String text, String fix) {}

    @PostMapping("/openings/{id}/{step}")
    String step(Actor actor, @PathVariable long id, @PathVariable String step, @RequestParam(required = false) String text,
                HttpServletRequest request, RedirectAttributes redirect) {
        Result<Opening> result = switch (step) {
            case "approve" -> openings.approve(actor, id, text, RequestIdFilter.of(request));
            case "return" -> openings.sendBack(actor, id, text);
            case "unpublish" -> openings.unpublish(actor, id, text);
            case "withdraw" -> openings.withdraw(actor, id, text);
            case "assess" -> openings.reassess(actor, id, RequestIdFilter.of(request));
            default -> Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", step));
        };
        if (result.succeeded()) redirect.addFlashAttribute("notice", messages.get("opendata.done." + step));
        else redirect.addFlashAttribute("problem", messages.problem(result.problem()));
        return "redirect:/openings/" + id;
    }

    private String form(Resource r, Opening opening, FormView view, Model model) {
        var rows = new ArrayList<FieldRow>();
        for (FieldSpec f : r.metadata().fields()) {
            var kind = ValueKind.valueOf(f.type().name());
            String level = f.sensitivity() == null ? "L4" : f.sensitivity().name();
            var choices = MaskingChoices.offered(kind, level).stream().map(m -> new Choice(m.text(), m.text() + " — " + messages.masking(m.text())))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            String chosen = view.fields().getOrDefault(f.name(), Datastore.defaultMasking(f).text());
            if (choices.stream().noneMatch(c -> c.rule().equals(chosen))) choices.add(new Choice(chosen, chosen + " — " + messages.masking(chosen)));
            rows.add(new FieldRow(f.name(), f.label(), f.type().name(), level, view.fields().containsKey(f.name()), chosen,
                    view.quasi().contains(f.name()), choices));
        }
        model.addAttribute("r", r);
        model.addAttribute("o", opening);
        model.addAttribute("rows", rows);
        model.addAttribute("view", view);
        model.addAttribute("licences", Licence.values());
        return "opendata/form";
    }

    private String done(Result<Opening> result, Resource r, Opening opening, FormView view, Model model, RedirectAttributes redirect) {
        if (result.succeeded()) {
            var o = result.value();
            redirect.addFlashAttribute("notice", messages.get("opendata.assessed." + o.state()));
            return "redirect:/openings/" + o.id();
        }
        model.addAttribute("problem", messages.problem(result.problem()));
        model.addAttribute("violations", messages.violations(result.problem().violations()));
        return form(r, opening, view, model);
    }

    private static FormView view(Resource r, MultiValueMap<String, String> p) {
        var opened = p.getOrDefault("open", List.of());
        var fields = new LinkedHashMap<String, String>();
        for (var f : r.metadata().fields())
            if (opened.contains(f.name())) fields.put(f.name(), p.getFirst("mask." + f.name()));
        return new FormView(fields, p.getOrDefault("quasi", List.of()), p.getFirst("k"), p.getFirst("licence"), p.getFirst("condition"));
    }

    private static Result<OpeningForm> formOf(Resource r, FormView view) {
        Integer k;
        try {
            k = view.k() == null || view.k().isBlank() ? null : Integer.valueOf(view.k().strip());
        } catch (NumberFormatException e) {
            return Result.failure(Problem.invalid("OPENDATA_INVALID_OPENING",
                    List.of(org.citydata.kernel.Violation.of("k", "opendata.k_range", view.k()))));
        }
        return Result.ok(new OpeningForm(r.code(), view.fields(), view.quasi().stream().filter(view.fields()::containsKey).toList(), k,
                view.licence(), view.condition()));
    }
}
