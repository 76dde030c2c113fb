package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchQuery.Facet;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.RowQuery;
import org.citydata.identity.Departments;
import org.citydata.kernel.Result;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.OpenDataset;
import org.citydata.opendata.OpenRates;
import org.citydata.opendata.Opening;
import org.citydata.opendata.Openings;
import org.citydata.opendata.OpennessScore;
import org.citydata.opendata.Reuses;
import org.citydata.opendata.Usage;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemException;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.platform.web.RequestParams;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** 开放数据门户: the public's pages, no login needed. Chinese first; {@code ?lang=en} switches to English. */
@PageController
@RequestMapping("/open")
class PortalPages {

    private static final Map<String, String> FACET_ENUMS = Map.of("theme", "Theme", "openType", "OpenType", "format", "DataFormat",
            "updateCycle", "UpdateCycle");
    private static final List<Facet> PUBLIC_FACETS = List.of(Facet.PROVIDER, Facet.THEME, Facet.FORMAT, Facet.UPDATE_CYCLE, Facet.OPEN_TYPE);

    private final OpenData openData;
    private final Openings openings;
    private final OpenRates rates;
    private final Usage usage;
    private final Readers readers;
    private final Datastore datastore;
    private final Departments departments;
    private final Messages messages;
    private final JsonMapper json;
    private final Reuses reuses;
    private final PortalSession portalSession; // open data: developer pages

    PortalPages(OpenData openData, Openings openings, OpenRates rates, Usage usage, Readers readers, Datastore datastore,
                Departments departments, Messages messages, JsonMapper json, Reuses reuses, PortalSession portalSession) {
        this.reuses = reuses;
        this.portalSession = portalSession;
        this.openData = openData;
        this.openings = openings;
        this.rates = rates;
        this.usage = usage;
        this.readers = readers;
        this.datastore = datastore;
        this.departments = departments;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping({"", "/"})
    String home(Model model) {
        var published = openings.published().newestFirst();
        var codes = published.stream().map(Opening::resourceCode).toList();
        var totals = usage.total();
        model.addAttribute("datasets", published.size());
        model.addAttribute("departments", published.stream().map(Opening::providerId).distinct().count());
        model.addAttribute("downloads", totals.downloads());
        model.addAttribute("apiCalls", totals.apiCalls());
        model.addAttribute("newest", openData.datasets(codes.subList(0, Math.min(6, codes.size())), Messages.locale()));
        model.addAttribute("mostUsed", openData.datasets(usage.mostUsed(codes, 6), Messages.locale()));
        var themes = openData.search(new SearchQuery(null, Map.of(), 0, 1)).facets().getOrDefault(Facet.THEME.param, List.of());
        model.addAttribute("themes", themes.stream().map(t -> new FacetLink(t.value(), messages.get("enum.Theme." + t.value()), t.count(),
                false, "/open/datasets?theme=" + t.value())).toList());
        var report = rates.report(Messages.locale());
        model.addAttribute("rates", report);
        model.addAttribute("rateChart", json.writeValueAsString(rateChart(report)));
        return "portal/home";
    }

    /** One facet value as the page shows it. */
    record FacetLink(String value, String label, long count, boolean selected, String href) {}

    @GetMapping("/datasets")
    String search(Model model, HttpServletRequest request, @RequestParam(defaultValue = "0") int page) {
        var query = SearchQuery.fromParams(request.getParameterMap(), page, 10);
        var result = openData.search(query);
        var providers = providerNames();
        var facets = new LinkedHashMap<String, List<FacetLink>>();
        for (var facet : PUBLIC_FACETS)
            facets.put(facet.param, result.facets().getOrDefault(facet.param, List.of()).stream().map(c -> new FacetLink(c.value(),
                    facet == Facet.PROVIDER ? providers.getOrDefault(c.value(), c.value())
                            : messages.get("enum." + FACET_ENUMS.get(facet.param) + "." + c.value()),
                    c.count(), c.selected(), "/open/datasets" + query.toggled(facet, c.value()).queryString(0))).toList());
        var usageByCode = usage.byDataset();
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("facets", facets);
        model.addAttribute("providers", providers);
        model.addAttribute("usage", usageByCode);
        model.addAttribute("clearHref", "/open/datasets" + new SearchQuery(query.text(), Map.of(), 0, 10, query.order()).queryString(0));
        model.addAttribute("prevHref", "/open/datasets" + query.queryString(page - 1));
        model.addAttribute("nextHref", "/open/datasets" + query.queryString(page + 1));
        return "portal/datasets";
    }

    @GetMapping("/datasets/{code}")
    String dataset(@PathVariable String code, Model model, HttpServletRequest request,
                   @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page) {
        var opening = openings.published(code == null ? "" : code.strip())
                .orElseThrow(() -> new ProblemException(org.citydata.kernel.Problem.notFound("OPENDATA_NOT_FOUND", code)));
        var d = openData.describe(opening, Messages.locale());
        usage.count(d.code(), Usage.Kind.VIEW);
        // open data: developer pages. A developer signed in on the portal reads a CONDITIONAL dataset's preview (and
        // chart, DeveloperPages.distribution) as itself: the condition is a known, accountable reader, and the session
        // names one as surely as a key does (confirmed, enabled, checked on every request), so the read goes through
        // the same access path and is recorded under developer#id. It is a person paging 20 rows at a time; bulk use
        // (download, the API) still needs a key and its tier's rate limit. An OPEN dataset is still read as the
        // anonymous public: no need to put a name on reads that do not require one. A presented key still wins.
        var developer = portalSession.developer(request).filter(x -> d.openType() == org.citydata.catalog.OpenType.CONDITIONAL
                && Readers.presentedKey(request) == null);
        var reader = developer.map(x -> org.citydata.identity.Actor.publicReader(x.id(), x.displayName())).orElseGet(() -> readers.of(request));
        model.addAttribute("readAsDeveloper", developer.isPresent());
        var filters = RequestParams.all(request, "filter").stream().filter(f -> !f.isBlank()).toList();
        var query = RowQuery.parse(d.code(), null, filters, null, page, 20);
        var preview = query.succeeded() ? openData.records(reader, query.value().withText(q), RequestIdFilter.of(request))
                : Result.<org.citydata.datastore.RowPage>failure(query.problem());
        model.addAttribute("d", d);
        model.addAttribute("score", OpennessScore.of(d, LocalDate.now()));
        model.addAttribute("versions", datastore.versions(opening.resourceId()).stream().limit(10).toList());
        model.addAttribute("preview", preview.succeeded() ? preview.value() : null);
        model.addAttribute("previewProblem", preview.succeeded() ? null : messages.problem(preview.problem()));
        model.addAttribute("keyRequired", !preview.succeeded() && preview.problem().code().equals("OPENDATA_KEY_REQUIRED"));
        model.addAttribute("q", q);
        model.addAttribute("filters", filters);
        model.addAttribute("page", page);
        // filters and charts work on what is open in clear (or generalized): a nulled field has nothing to show
        var labels = new LinkedHashMap<String, String>();
        d.fields().forEach(f -> labels.put(f.name(), f.label()));
        model.addAttribute("labels", labels);
        model.addAttribute("clearFields", d.fields().stream().filter(f -> f.masking().equals("clear")).toList());
        model.addAttribute("chartFields", d.fields().stream().filter(f -> !f.masking().equals("null")).toList());
        model.addAttribute("numeric", d.fields().stream().filter(f -> f.type() == FieldType.INTEGER || f.type() == FieldType.DECIMAL)
                .map(OpenDataset.Field::name).toList());
        model.addAttribute("usage", usage.byDataset().getOrDefault(d.code(), new Usage.Counts(0, 0, 0)));
        model.addAttribute("reuses", reuses.published(d.code()));
        model.addAttribute("apiBase", request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
        return "portal/dataset";
    }

    private Map<String, Object> rateChart(OpenRates.Report report) {
        var bars = new ArrayList<>(report.departments());
        java.util.Collections.reverse(bars); // ECharts draws the first category at the bottom
        return Map.of("tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 10, "right", 50, "top", 10, "bottom", 20, "containLabel", true),
                "xAxis", Map.of("type", "value", "min", 0, "max", 100, "axisLabel", Map.of("formatter", "{value}%")),
                "yAxis", Map.of("type", "category", "axisLabel", Map.of("width", 160, "overflow", "truncate"),
                        "data", bars.stream().map(OpenRates.Rate::departmentName).toList()),
                "series", List.of(Map.of("type", "bar", "name", messages.get("portal.openRate"), "itemStyle", Map.of("color", "#1d4f91"),
                        "label", Map.of("show", true, "position", "right", "formatter", "{c}%"),
                        "data", bars.stream().map(r -> Math.round(r.percent() * 10) / 10.0).toList())));
    }

    private Map<String, String> providerNames() {
        return departments.all().stream().collect(java.util.stream.Collectors.toMap(d -> d.code(), d -> d.name(Messages.locale())));
    }
}
