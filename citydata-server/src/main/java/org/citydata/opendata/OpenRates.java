package org.citydata.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.SearchQuery;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.springframework.stereotype.Service;

/**
 * 开放率: of the published resources the catalog says may be opened (open type {@code OPEN} or {@code CONDITIONAL}),
 * the share with a published opening — per department and for the city. The plans' targets (60 %, then 90 %) are
 * set against this figure.
 */
@Service
public class OpenRates {

    public record Rate(String departmentCode, String departmentName, long openable, long opened) {
        public double percent() {
            return openable == 0 ? 0 : 100.0 * opened / openable;
        }
    }

    /** The city's rate and each department's that has openable resources, lowest rate first. */
    public record Report(Rate city, List<Rate> departments) {}

    private final CatalogSearch search;
    private final Openings openings;
    private final Departments departments;

    OpenRates(CatalogSearch search, Openings openings, Departments departments) {
        this.search = search;
        this.openings = openings;
        this.departments = departments;
    }

    public Report report(Locale locale) {
        var openable = search.search(Actor.system(0), new SearchQuery(null, Map.of(
                SearchQuery.Facet.STATUS, List.of(ResourceStatus.PUBLISHED.name()),
                SearchQuery.Facet.OPEN_TYPE, List.of(OpenType.OPEN.name(), OpenType.CONDITIONAL.name())), 0, 1));
        var opened = openings.publishedPerProvider();
        var rates = new ArrayList<Rate>();
        long allOpenable = 0, allOpened = 0;
        for (var count : openable.facets().getOrDefault(SearchQuery.Facet.PROVIDER.param, List.of())) {
            var department = departments.findByCode(count.value());
            if (department.isEmpty()) continue;
            long o = Math.min(opened.getOrDefault(department.get().id(), 0L), count.count());
            rates.add(new Rate(count.value(), department.get().name(locale), count.count(), o));
            allOpenable += count.count();
            allOpened += o;
        }
        rates.sort(java.util.Comparator.comparingDouble(Rate::percent).thenComparing(Rate::departmentCode));
        return new Report(new Rate(null, null, allOpenable, allOpened), rates);
    }
}
