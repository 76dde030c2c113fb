package org.citydata.catalog.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.CatalogTransfer;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchResult;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.platform.reference.Regions;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemException;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Console pages of the catalog: overview, search, detail with history and diff, the form, and XLSX import. */
@PageController
class CatalogPages {

    private final Catalog catalog;
    private final CatalogSearch search;
    private final CatalogTransfer transfer;
    private final Departments departments;
    private final AccessPolicy policy;
    private final Regions regions;
    private final Messages messages;
    private final JsonMapper json;

    CatalogPages(Catalog catalog, CatalogSearch search, CatalogTransfer transfer, Departments departments,
                 AccessPolicy policy, Regions regions, Messages messages, JsonMapper json) {
        this.catalog = catalog;
        this.search = search;
        this.transfer = transfer;
        this.departments = departments;
        this.policy = policy;
        this.regions = regions;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/")
    String home(Actor actor, Model model) {
        var all = search.search(actor, new SearchQuery(null, Map.of(), 0, 1));
        var f = all.facets();
        model.addAttribute("total", all.total());
        model.addAttribute("published", count(f.getOrDefault("status", List.of()), "PUBLISHED"));
        model.addAttribute("conditional", count(f.getOrDefault("shareType", List.of()), "CONDITIONAL"));
        model.addAttribute("departmentCount", departments.all().size());
        model.addAttribute("themeChart", json.writeValueAsString(pie(f.getOrDefault("theme", List.of()), "Theme")));
        model.addAttribute("shareChart", json.writeValueAsString(pie(f.getOrDefault("shareType", List.of()), "ShareType")));
        var providers = providerNames();
        var byProvider = new java.util.ArrayList<>(f.getOrDefault("provider", List.of()));
        java.util.Collections.reverse(byProvider); // ECharts draws the first category at the bottom
        model.addAttribute("providerChart", json.writeValueAsString(Map.of(
                "tooltip", Map.of(), "grid", Map.of("left", 140, "right", 20, "top", 10, "bottom", 20),
                "xAxis", Map.of("type", "value"),
                "yAxis", Map.of("type", "category", "data", byProvider.stream().map(c -> providers.getOrDefault(c.value(), c.value())).toList()),
                "series", List.of(Map.of("type", "bar", "itemStyle", Map.of("color", "#1d4f91"),
                        "data", byProvider.stream().map(SearchResult.FacetCount::count).toList())))));
        return "catalog/home";
    }

    /** Department code → name in the reader's language, for facets and hits. */
    private Map<String, String> providerNames() {
        return departments.all().stream().collect(java.util.stream.Collectors.toMap(d -> d.code(), d -> d.name(Messages.locale())));
    }

    private static long count(List<SearchResult.FacetCount> counts, String value) {
        return counts.stream().filter(c -> c.value().equals(value)).mapToLong(SearchResult.FacetCount::count).sum();
    }

    private Map<String, Object> pie(List<SearchResult.FacetCount> counts, String enumName) {
        return Map.of("tooltip", Map.of("trigger", "item"), "legend", Map.of("bottom", 0, "type", "scroll"),
                "series", List.of(Map.of("type", "pie", "radius", List.of("35%", "65%"),
                        "data", counts.stream().map(c -> Map.of("name", messages.get("enum." + enumName + "." + c.value()),
                                "value", c.count())).toList())));
    }

    /** One facet value as the page shows it: its label, count, and the link that selects or unselects it. */
    record FacetLink(String value, String label, long count, boolean selected, String href) {}

    @GetMapping("/resources")
    String list(Actor actor, Model model, jakarta.servlet.http.HttpServletRequest request,
                @RequestParam(defaultValue = "0") int page) {
        var query = SearchQuery.fromParams(request.getParameterMap(), page, 20);
        var result = search.search(actor, query);
        var providers = providerNames();
        var enums = Map.of("theme", "Theme", "shareType", "ShareType", "openType", "OpenType",
                "format", "DataFormat", "updateCycle", "UpdateCycle", "status", "ResourceStatus");
        var facets = new LinkedHashMap<String, List<FacetLink>>();
        for (var facet : SearchQuery.Facet.values()) {
            facets.put(facet.param, result.facets().getOrDefault(facet.param, List.of()).stream().map(c -> new FacetLink(c.value(),
                    facet == SearchQuery.Facet.PROVIDER ? providers.getOrDefault(c.value(), c.value())
                            : messages.get("enum." + enums.get(facet.param) + "." + c.value()),
                    c.count(), c.selected(), "/resources" + query.toggled(facet, c.value()).queryString(0))).toList());
        }
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("facets", facets);
        model.addAttribute("providers", providers);
        model.addAttribute("clearHref", "/resources" + new SearchQuery(query.text(), Map.of(), 0, 20).queryString(0));
        model.addAttribute("prevHref", "/resources" + query.queryString(page - 1));
        model.addAttribute("nextHref", "/resources" + query.queryString(page + 1));
        model.addAttribute("exportParams", query.queryString(0));
        model.addAttribute("canCreate", departments.all().stream().anyMatch(d -> policy.canEditResourcesOf(actor, d.id())));
        model.addAttribute("canReindex", policy.canRebuildSearchIndex(actor));
        return "catalog/list";
    }

    @GetMapping("/resources/{code}")
    String detail(Actor actor, @PathVariable String code, Model model) {
        var resource = ProblemException.unwrap(catalog.get(actor, code));
        model.addAttribute("r", resource);
        model.addAttribute("d", resource.metadata());
        model.addAttribute("provider", departments.find(resource.providerId()).orElseThrow().name(Messages.locale()));
        model.addAttribute("region", resource.metadata().regionCode() == null ? null : regions.fullName(resource.metadata().regionCode()));
        model.addAttribute("related", related(actor, resource));
        model.addAttribute("history", ProblemException.unwrap(catalog.history(actor, code)));
        model.addAttribute("canEdit", catalog.canEdit(actor, resource));
        model.addAttribute("shareAction", shareAction(actor, resource));
        return "catalog/detail";
    }

    /**
     * What another department's officer may do about sharing the resource (the exchange's pages take it from there):
     * APPLY for a conditionally shared one, GET_NOW for an unconditional one, NONE (不予共享) for one not shared; nothing
     * for the provider itself, for those who cannot apply, and for unpublished resources.
     */
    private String shareAction(Actor actor, Resource resource) {
        if (resource.status() != org.citydata.catalog.ResourceStatus.PUBLISHED || resource.providerId() == actor.departmentId()
                || !policy.canApplyForShares(actor)) return null;
        return switch (resource.metadata().shareType()) {
            case CONDITIONAL -> "APPLY";
            case UNCONDITIONAL -> "GET_NOW";
            case NONE -> "NONE";
        };
    }

    private List<Resource> related(Actor actor, Resource resource) {
        return resource.metadata().related().stream().map(c -> catalog.get(actor, c))
                .filter(Result::succeeded).map(Result::value).toList();
    }

    @GetMapping("/resources/{code}/diff")
    String diff(Actor actor, @PathVariable String code, @RequestParam int from, @RequestParam int to, Model model) {
        model.addAttribute("r", ProblemException.unwrap(catalog.get(actor, code)));
        model.addAttribute("diff", ProblemException.unwrap(catalog.diff(actor, code, from, to)));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "catalog/diff";
    }

    @GetMapping("/resources/new")
    String newForm(Actor actor, Model model) {
        var own = departments.find(actor.departmentId()).orElseThrow().code();
        return form(actor, model, ResourceForm.empty(own), null);
    }

    @PostMapping("/resources/new")
    String create(Actor actor, @ModelAttribute("form") ResourceForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        if (binding.hasErrors()) return bindingFailed(actor, model, form, null, binding);
        var result = catalog.create(actor, form.draft());
        return saved(actor, model, form, null, result, redirect);
    }

    @GetMapping("/resources/{code}/edit")
    String editForm(Actor actor, @PathVariable String code, Model model) {
        var resource = ProblemException.unwrap(catalog.get(actor, code));
        if (!catalog.canEdit(actor, resource)) throw new ProblemException(Problem.forbidden("IDENTITY_FORBIDDEN", "resource " + code));
        return form(actor, model, ResourceForm.of(resource), code);
    }

    @PostMapping("/resources/{code}/edit")
    String update(Actor actor, @PathVariable String code, @ModelAttribute("form") ResourceForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) return bindingFailed(actor, model, form, code, binding);
        var result = catalog.update(actor, code, form.version(), form.draft());
        return saved(actor, model, form, code, result, redirect);
    }

    @PostMapping("/resources/{code}/publish")
    String publish(Actor actor, @PathVariable String code) {
        ProblemException.unwrap(catalog.publish(actor, code));
        return "redirect:/resources/" + code;
    }

    @PostMapping("/resources/{code}/retire")
    String retire(Actor actor, @PathVariable String code) {
        ProblemException.unwrap(catalog.retire(actor, code));
        return "redirect:/resources/" + code;
    }

    @PostMapping("/resources/reindex")
    String reindex(Actor actor, RedirectAttributes redirect) {
        var rebuilt = ProblemException.unwrap(search.rebuild(actor));
        redirect.addFlashAttribute("notice", messages.get("catalog.reindexed", rebuilt.resources(), rebuilt.millis()));
        return "redirect:/resources";
    }

    @GetMapping("/resources/import")
    String importForm() {
        return "catalog/import";
    }

    @PostMapping("/resources/import")
    String importXlsx(Actor actor, @RequestParam("file") MultipartFile file,
                      @RequestParam(defaultValue = "false") boolean validOnly, Model model) throws IOException {
        try (var in = file.getInputStream()) {
            var report = transfer.importXlsx(actor, in, validOnly);
            model.addAttribute("report", report);
            model.addAttribute("errorMessages", report.errors().stream().map(e -> messages.get(e.code(), e.args().toArray())).toList());
        }
        return "catalog/import";
    }

    private String saved(Actor actor, Model model, ResourceForm form, String code, Result<Resource> result,
                         RedirectAttributes redirect) {
        if (result.succeeded()) return "redirect:/resources/" + result.value().code();
        var problem = result.problem();
        model.addAttribute("problem", messages.problem(problem));
        model.addAttribute("violations", messages.violations(problem.violations()));
        var byField = new LinkedHashMap<String, String>();
        var fieldRow = java.util.regex.Pattern.compile("^fields\\[(\\d+)]");
        problem.violations().forEach(v -> {
            var m = fieldRow.matcher(v.field());
            String at = m.find() ? m.replaceFirst("fields[" + form.postedIndex(Integer.parseInt(m.group(1))) + "]") : v.field();
            byField.putIfAbsent(at, messages.violation(v));
        });
        model.addAttribute("fieldErrors", byField);
        return form(actor, model, form, code);
    }

    private String bindingFailed(Actor actor, Model model, ResourceForm form, String code, BindingResult binding) {
        var violations = binding.getFieldErrors().stream()
                .map(e -> Violation.of(e.getField(), "format", String.valueOf(e.getRejectedValue())))
                .toList();
        return saved(actor, model, form, code, Result.failure(Problem.invalid("CATALOG_INVALID", violations)), null);
    }

    private String form(Actor actor, Model model, ResourceForm form, String code) {
        model.addAttribute("form", form);
        model.addAttribute("code", code);
        model.addAttribute("providers", departments.tree().stream()
                .filter(r -> policy.canEditResourcesOf(actor, r.department().id())).toList());
        model.addAttribute("resourceTypes", ResourceType.values());
        model.addAttribute("themes", Theme.values());
        model.addAttribute("formats", DataFormat.values());
        model.addAttribute("shareTypes", ShareType.values());
        model.addAttribute("shareMethods", ShareMethod.values());
        model.addAttribute("openTypes", OpenType.values());
        model.addAttribute("updateCycles", UpdateCycle.values());
        model.addAttribute("fieldTypes", FieldType.values());
        model.addAttribute("sensitivities", Sensitivity.values());
        if (!model.containsAttribute("fieldErrors")) model.addAttribute("fieldErrors", Map.of());
        return "catalog/form";
    }
}
