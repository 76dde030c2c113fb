package org.citydata.catalog;

import java.util.List;
import java.util.Map;

/** A catalog search: free text (Chinese is segmented), facet selections (OR within a facet, AND across), a page. */
public record SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size, Order order) {

    /** Best match first (newest first without text), newest first, or by name. */
    public enum Order { RELEVANCE, NEWEST, NAME }

    public SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size) {
        this(text, filters, page, size, Order.RELEVANCE);
    }

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
        order = order == null ? Order.RELEVANCE : order;
    }

    /**
     * From request parameters: {@code q}, one parameter per facet (repeatable), {@code sort} ({@code relevance},
     * {@code newest}, {@code name}; anything else is relevance).
     */
    public static SearchQuery fromParams(Map<String, String[]> params, int page, int size) {
        var filters = new java.util.EnumMap<Facet, List<String>>(Facet.class);
        for (Facet facet : Facet.values()) {
            String[] values = params.get(facet.param);
            if (values == null) continue;
            var list = new java.util.ArrayList<String>();
            for (String v : values) if (v != null && !v.isBlank()) list.add(v.strip());
            if (!list.isEmpty()) filters.put(facet, list);
        }
        String[] q = params.get("q");
        String[] sort = params.get("sort");
        var order = java.util.Arrays.stream(Order.values())
                .filter(o -> sort != null && sort.length > 0 && o.name().equalsIgnoreCase(sort[0].strip())).findFirst().orElse(Order.RELEVANCE);
        return new SearchQuery(q == null || q.length == 0 ? null : q[0], filters, page, size, order);
    }

    /** The same search from its first page, with one facet value selected, or unselected when it already was. */
    public SearchQuery toggled(Facet facet, String value) {
        var chosen = new java.util.EnumMap<Facet, List<String>>(Facet.class);
        chosen.putAll(filters);
        var values = new java.util.ArrayList<>(chosen.getOrDefault(facet, List.of()));
        if (!values.remove(value)) values.add(value);
        if (values.isEmpty()) chosen.remove(facet);
        else chosen.put(facet, values);
        return new SearchQuery(text, chosen, 0, size, order);
    }

    /** The search as URL parameters for a page: {@code ?q=…&theme=…&sort=…&page=…}, or empty. */
    public String queryString(int page) {
        var parts = new java.util.ArrayList<String>();
        if (text != null && !text.isBlank()) parts.add("q=" + encode(text));
        filters.forEach((facet, values) -> values.forEach(v -> parts.add(facet.param + "=" + encode(v))));
        if (order != Order.RELEVANCE) parts.add("sort=" + order.name().toLowerCase(java.util.Locale.ROOT));
        if (page > 0) parts.add("page=" + page);
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    public SearchQuery withPage(int page, int size) {
        return new SearchQuery(text, filters, page, size, order);
    }
}
