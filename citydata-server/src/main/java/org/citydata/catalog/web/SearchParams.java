package org.citydata.catalog.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchQuery.Facet;

/** Console links for a search: facet toggles and pages. */
final class SearchParams {

    private SearchParams() {}

    /** The same search with one facet value selected, or unselected when it already was. */
    static SearchQuery toggle(SearchQuery query, Facet facet, String value) {
        var filters = new EnumMap<Facet, List<String>>(Facet.class);
        filters.putAll(query.filters());
        var values = new ArrayList<>(filters.getOrDefault(facet, List.of()));
        if (!values.remove(value)) values.add(value);
        if (values.isEmpty()) filters.remove(facet);
        else filters.put(facet, values);
        return new SearchQuery(query.text(), filters, 0, query.size(), query.order());
    }

    /** The console link for a search: {@code /resources?q=…&theme=…&page=…}. */
    static String href(SearchQuery query, int page) {
        var parts = new ArrayList<String>();
        if (query.text() != null && !query.text().isBlank()) parts.add("q=" + encode(query.text()));
        query.filters().forEach((facet, values) -> values.forEach(v -> parts.add(facet.param + "=" + encode(v))));
        if (page > 0) parts.add("page=" + page);
        return "/resources" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
