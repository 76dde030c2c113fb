package org.citydata.opendata.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Result;
import org.citydata.opendata.Licence;
import org.citydata.opendata.OpenData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * package_search over the published datasets. {@code q} is the catalog's text search (Chinese is segmented; empty or
 * {@code *:*} finds all); the rest is done here, on every dataset the text found: {@code fq} ({@link FilterQuery}),
 * the facet counts, the order and the page. The published datasets of a city number in the thousands at most, and
 * only the page's datasets are described in full.
 */
@Component
class PackageSearch {

    static final String DEFAULT_SORT = "score desc, metadata_modified desc";
    /** The facet fields CKAN's own portal asks for, all of which a package here has. */
    static final List<String> FACETS = List.of("organization", "groups", "tags", "res_format", "license_id");
    /** CKAN's ckan.search.rows_max. */
    static final int MAX_ROWS = 1000;
    /** CKAN's search.facets.limit. */
    static final int FACET_LIMIT = 50;

    private static final Set<String> SORT_FIELDS = Set.of("score", "metadata_modified", "metadata_created", "name", "title_string", "id");

    private final OpenData openData;
    private final Departments departments;
    private final CkanPackages packages;
    private final CkanGroups groups;
    private final JsonMapper json;

    PackageSearch(OpenData openData, Departments departments, CkanPackages packages, CkanGroups groups, JsonMapper json) {
        this.openData = openData;
        this.departments = departments;
        this.packages = packages;
        this.groups = groups;
        this.json = json;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Answer(long count, String sort, List<CkanPackages.Package> results, Map<String, Map<String, Long>> facets,
                  Map<String, SearchFacet> searchFacets) {}

    record SearchFacet(String title, List<Item> items) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(long count, String displayName, String name) {}

    /** A published dataset as the search sees it: its place in the text's order, what fq and the facets look at, its dates. */
    private record Found(OpenData.Match match, int rank, FilterQuery.Facts facts) {
        String code() {
            return match.hit().code();
        }

        Instant date(String field) {
            return facts.dates().get(field);
        }

        Found ranked(int rank) {
            return new Found(match, rank, facts);
        }
    }

    /** Every published dataset's facts, newest first, derived once from one {@link OpenData#all()} list. */
    private record Published(List<OpenData.Match> of, List<Found> newestFirst, Map<String, Found> byCode) {}

    private volatile Published published;

    private Published published() {
        var all = openData.all();
        var last = published;
        if (last != null && last.of() == all) return last;
        var newestFirst = all.stream().map(m -> new Found(m, 0, facts(m))).toList();
        var byCode = new HashMap<String, Found>();
        newestFirst.forEach(f -> byCode.put(f.code(), f));
        var fresh = new Published(all, newestFirst, byCode);
        published = fresh;
        return fresh;
    }

    /** What the text finds, in its order (all without text, every rank then equal). */
    private List<Found> found(String text) {
        var all = published();
        if (text == null) return all.newestFirst();
        var codes = openData.matching(text);
        var found = new ArrayList<Found>(codes.size());
        for (String code : codes) {
            var f = all.byCode().get(code);
            if (f != null) found.add(f.ranked(found.size()));
        }
        return found;
    }

    Result<Answer> search(CkanParams params, String base) {
        String q = params.text("q");
        if (q != null && q.equals("*:*")) q = null;
        var fqTexts = new ArrayList<String>();
        if (params.text("fq") != null) fqTexts.add(params.text("fq"));
        fqTexts.addAll(texts(params, "fq_list"));
        var fq = FilterQuery.parse(fqTexts, "fq");
        if (!fq.succeeded()) fq.problem().violations().forEach(v -> params.violation(v.field(), v.code(), v.args().toArray()));
        int rows = params.natural("rows", 10, MAX_ROWS);
        int start = params.natural("start", 0, Integer.MAX_VALUE);
        boolean facet = params.bool("facet", true);
        var facetFields = params.jsonList("facet.field", json);
        var unknownFacets = facetFields.stream().filter(f -> !FACETS.contains(f)).toList();
        if (!unknownFacets.isEmpty())
            params.violation("facet.field", "ckan.facet_fields", String.join(", ", unknownFacets), String.join(", ", FACETS));
        Integer facetLimit = params.integer("facet.limit");
        int mincount = params.natural("facet.mincount", 1, Integer.MAX_VALUE);
        String sortText = params.text("sort");
        if (sortText == null || sortText.equals("rank")) sortText = DEFAULT_SORT;
        boolean ranked = q != null;
        var order = order(sortText, ranked, params);
        String text = q;
        String sort = sortText;
        boolean byRank = ranked && sortText.strip().toLowerCase(Locale.ROOT).startsWith("score desc");
        boolean noFacets = !facet || facetFields.isEmpty();
        return params.checked(() -> {
            long count;
            List<String> codes;
            List<Found> found = null;
            int end = (int) Math.min((long) start + rows, Integer.MAX_VALUE);
            if (byRank && noFacets && fq.value().clauses().isEmpty()) {
                // a page and the count only: the catalog index ranks and counts, no dataset is looked at
                var top = openData.top(text, end);
                count = top.total();
                codes = top.codes().subList(Math.min(start, top.codes().size()), top.codes().size());
            } else {
                found = new ArrayList<>();
                for (var f : found(text)) if (fq.value().test(f.facts())) found.add(f);
                end = Math.min(end, found.size());
                // by best match first, the text's order is the answer's (every rank differs): nothing to sort
                var page = byRank ? found.subList(0, end) : first(found, order, end);
                count = found.size();
                codes = page.subList(Math.min(start, page.size()), page.size()).stream().map(Found::code).toList();
            }
            var byCode = new HashMap<String, Department>();
            departments.all().forEach(d -> byCode.put(d.code(), d));
            var results = new ArrayList<CkanPackages.Package>();
            // one unpublished since the search began is left out rather than shown
            for (var d : openData.datasets(codes, Locale.SIMPLIFIED_CHINESE)) results.add(packages.dict(d, byCode.get(d.providerCode()), base));
            var facets = new LinkedHashMap<String, Map<String, Long>>();
            var searchFacets = new LinkedHashMap<String, SearchFacet>();
            if (!noFacets) for (String field : facetFields) {
                var counts = counts(found, field, facetLimit == null ? FACET_LIMIT : facetLimit, mincount);
                facets.put(field, counts);
                var items = new ArrayList<Item>();
                counts.forEach((name, n) -> items.add(new Item(n, display(field, name, byCode), name)));
                items.sort(Comparator.comparing(Item::displayName).reversed()); // as CKAN orders them, after its plugins
                searchFacets.put(field, new SearchFacet(field, items));
            }
            return Result.ok(new Answer(count, sort, results, facets, searchFacets));
        });
    }

    /** The first {@code n} in this order, without sorting them all: a page is a few of thousands. */
    private static List<Found> first(List<Found> found, Comparator<Found> order, int n) {
        if (n <= 0) return List.of();
        var kept = new java.util.PriorityQueue<Found>(n + 1, order.reversed()); // the worst kept on top
        for (var f : found) {
            if (kept.size() == n && order.compare(f, kept.peek()) >= 0) continue; // no better than the worst kept
            kept.add(f);
            if (kept.size() > n) kept.poll();
        }
        var first = new ArrayList<>(kept);
        first.sort(order);
        return first;
    }

    /** What fq and the facets see of a dataset. */
    private static FilterQuery.Facts facts(OpenData.Match m) {
        var hit = m.hit();
        var values = new HashMap<String, Collection<String>>();
        values.put("organization", List.of(hit.providerCode().toLowerCase(Locale.ROOT)));
        values.put("groups", List.of(hit.theme().name().toLowerCase(Locale.ROOT)));
        values.put("tags", hit.tags());
        values.put("res_format", Arrays.stream(CkanPackages.Format.values()).map(Enum::name).toList());
        values.put("license_id", List.of(CkanPackages.licence(m.opening()).id));
        values.put("name", List.of(CkanPackages.name(hit.code())));
        values.put("id", List.of(hit.code()));
        var dates = new HashMap<String, Instant>();
        dates.put("metadata_created", m.opening().publishedAt().toInstant());
        dates.put("metadata_modified", CkanPackages.modified(hit.updatedAt(), m.opening().publishedAt()).toInstant());
        return new FilterQuery.Facts(values, dates);
    }

    /** Solr's facet counts: by count, most first, then by value; at least {@code mincount}; {@code limit} < 0 is all. */
    private static Map<String, Long> counts(List<Found> found, String field, int limit, int mincount) {
        var counts = new HashMap<String, Long>();
        found.forEach(f -> f.facts().values().getOrDefault(field, List.of()).forEach(v -> counts.merge(v, 1L, Long::sum)));
        var out = new LinkedHashMap<String, Long>();
        counts.entrySet().stream().filter(e -> e.getValue() >= mincount)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit < 0 ? Long.MAX_VALUE : limit).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private String display(String field, String name, Map<String, Department> byCode) {
        return switch (field) {
            case "organization" -> {
                var d = byCode.get(name.toUpperCase(Locale.ROOT));
                yield d == null ? name : d.nameZh();
            }
            case "groups" -> CkanGroups.theme(name).map(groups::themeTitle).orElse(name);
            case "license_id" -> Licence.of(name).map(CkanPackages::licenceTitle).orElse(name);
            default -> name;
        };
    }

    /**
     * CKAN's sort: comma-separated {@code field asc|desc}, the fields score, metadata_modified, metadata_created, name,
     * title_string and id. Without {@code q} every score is equal, as in CKAN. Ties are broken by name.
     */
    private static Comparator<Found> order(String sort, boolean ranked, CkanParams params) {
        Comparator<Found> order = null;
        for (String part : sort.split(",")) {
            var words = part.strip().toLowerCase(Locale.ROOT).split("\\s+");
            boolean ok = words.length == 2 && SORT_FIELDS.contains(words[0]) && (words[1].equals("asc") || words[1].equals("desc"));
            if (!ok) {
                params.violation("sort", "ckan.sort", sort, String.join(", ", new TreeSet<>(SORT_FIELDS)) + " (asc, desc)");
                return Comparator.comparing(Found::code);
            }
            Comparator<Found> key = switch (words[0]) {
                case "score" -> Comparator.comparingInt(Found::rank).reversed(); // a better match has a lower rank
                case "metadata_modified", "metadata_created" -> Comparator.comparing(f -> f.date(words[0]));
                case "name", "id" -> Comparator.comparing(Found::code);
                default -> Comparator.comparing(f -> f.match().hit().name());
            };
            if (words[1].equals("desc")) key = key.reversed();
            order = order == null ? key : order.thenComparing(key);
        }
        return (order == null ? Comparator.comparing(Found::code) : order).thenComparing(Found::code);
    }

    /** A parameter that may be given once (one text) or repeated or as a JSON list (several); anything else is named. */
    private static List<String> texts(CkanParams params, String name) {
        var n = params.node(name);
        if (n == null || n.isNull()) return List.of();
        if (n.isArray() && n.valueStream().allMatch(v -> v.isValueNode())) return n.valueStream().map(v -> v.asString()).toList();
        if (n.isValueNode()) return List.of(n.asString());
        params.violation(name, "ckan.list_of_strings");
        return List.of();
    }
}
