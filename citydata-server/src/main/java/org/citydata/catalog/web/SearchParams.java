package org.citydata.catalog.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchQuery.Facet;

/** Reads a search from request parameters: {@code q}, one parameter per facet (repeatable), {@code page}, {@code size}. */
final class SearchParams {

    private SearchParams() {}

    static SearchQuery from(Map<String, String[]> params, int page, int size) {
        var filters = new EnumMap<Facet, List<String>>(Facet.class);
        for (Facet facet : Facet.values()) {
            String[] values = params.get(facet.param);
            if (values == null) continue;
            var list = new ArrayList<String>();
            for (String v : values) if (v != null && !v.isBlank()) list.add(v.strip());
            if (!list.isEmpty()) filters.put(facet, list);
        }
        String[] q = params.get("q");
        return new SearchQuery(q == null || q.length == 0 ? null : q[0], filters, page, size);
    }
}
