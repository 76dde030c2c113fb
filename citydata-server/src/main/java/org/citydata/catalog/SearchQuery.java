package org.citydata.catalog;

import java.util.List;
import java.util.Map;

/** A catalog search: free text (Chinese is segmented), facet selections (OR within a facet, AND across), a page. */
public record SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size) {

    public static final int MAX_SIZE = 100;
    /** Deep pages cost as much as all pages before them; nobody reads past page 1,000 of a catalog. */
    public static final int MAX_PAGE = 1000;

    public enum Facet {
        PROVIDER("provider"), THEME("theme"), SHARE_TYPE("shareType"), OPEN_TYPE("openType"), FORMAT("format"),
        UPDATE_CYCLE("updateCycle"), STATUS("status");

        /** The name of the facet in URLs and JSON. */
        public final String param;

        Facet(String param) {
            this.param = param;
        }
    }

    public SearchQuery {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        page = Math.min(Math.max(page, 0), MAX_PAGE);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
    }

    public SearchQuery withPage(int page, int size) {
        return new SearchQuery(text, filters, page, size);
    }
}
