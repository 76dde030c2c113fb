package org.citydata.opendata;

import java.util.List;
import java.util.Locale;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.SearchResult;
import org.citydata.identity.Departments;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.Export;
import org.citydata.datastore.ExportFormat;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowPage;
import org.citydata.datastore.RowQuery;
import org.citydata.datastore.ValueGroup;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.platform.cache.KeptAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The public's one way to open data's rows: the resource's published opening, read on every request (so unpublishing
 * takes effect at once), turned into read terms — the opened fields, masked as the opening says — for the datastore's
 * access path, which records each read in the access log as {@code public} or {@code developer#id}.
 *
 * <p>Refused: {@code OPENDATA_NOT_FOUND} (404) for anything not published, whether it never was, is in review, or was
 * unpublished (or its resource retired); {@code OPENDATA_KEY_REQUIRED} (401) for a conditionally opened resource read
 * without a developer key; {@code OPENDATA_NOT_ASSESSED} (503) while the current data is newer than the assessment.
 */
@Service
public class OpenData {

    public static final String PURPOSE = "公开数据访问";

    private final Openings openings;
    private final Datastore datastore;
    private final Catalog catalog;
    private final CatalogSearch search;
    private final Departments departments;
    private final PublishedCatalog publishedCatalog;

    /** How many of the best matches {@link #top} keeps per text: the first pages of a search. */
    private static final int TOP_KEPT = 50;

    private final KeptAnswers<SearchQuery, SearchResult> searches;
    private final KeptAnswers<String, CatalogSearch.Top> tops;

    OpenData(Openings openings, Datastore datastore, Catalog catalog, CatalogSearch search, Departments departments,
             PublishedCatalog publishedCatalog, @Value("${citydata.opendata.kept-searches:1000}") int keptSearches) {
        this.openings = openings;
        this.datastore = datastore;
        this.catalog = catalog;
        this.search = search;
        this.departments = departments;
        this.publishedCatalog = publishedCatalog;
        this.searches = new KeptAnswers<>(keptSearches);
        this.tops = new KeptAnswers<>(keptSearches);
    }

    /**
     * The catalog search among published openings only, with the same text matching, facets and orders. Answers are
     * kept while neither the published openings nor the catalog change (every reader gets the same answer), as Solr
     * keeps its query results: a popular search is answered from memory.
     */
    public SearchResult search(SearchQuery query) {
        return kept(searches, query, q -> search.searchAmong(q, openings.published().codes()));
    }

    /** A published dataset: the catalog's hit and the opening that makes it public. */
    public record Match(SearchResult.Hit hit, Opening opening) {}

    /** {@link #all()}, one answer for one set of published openings and one state of the catalog index. */
    private final KeptAnswers<String, List<Match>> allMatches = new KeptAnswers<>(1);

    /**
     * Every published dataset, newest first: for readers that filter, count and order further themselves, such as the
     * CKAN-compatible search. The same list (the same instance) while neither the openings nor the catalog change, so
     * such a reader may keep what it derives from it.
     */
    public List<Match> all() {
        return kept(allMatches, "all", key -> {
            var published = openings.published();
            return search.allAmong(published.codes()).stream().filter(h -> published.byCode().containsKey(h.code()))
                    .map(h -> new Match(h, published.byCode().get(h.code()))).toList();
        });
    }

    /** The codes of the published datasets the text matches, best match first (as {@link #search} ranks them). */
    public List<String> matching(String text) {
        return search.codesAmong(text, openings.published().codes());
    }

    /**
     * The first {@code n} published datasets the text matches, best first, and how many it matches in all. The first
     * {@value #TOP_KEPT} of a text are kept as {@link #search}'s answers are, so its first pages come from memory.
     */
    public CatalogSearch.Top top(String text, int n) {
        if (n > TOP_KEPT) return search.topAmong(text, openings.published().codes(), n);
        var kept = kept(tops, text == null ? "" : text.strip(), t -> search.topAmong(t, openings.published().codes(), TOP_KEPT));
        return new CatalogSearch.Top(kept.total(), kept.codes().subList(0, Math.min(n, kept.codes().size())));
    }

    /**
     * An answer kept in {@code answers} for as long as the published openings and the catalog stay as they are: this
     * class's searches and a reader's own (such as a page as written). {@code compute} reads the openings it needs
     * itself; it reads the same or a later state than the one the answer is kept under.
     */
    public <K, V> V kept(KeptAnswers<K, V> answers, K question, java.util.function.Function<K, V> compute) {
        return answers.get(openings.published(), search.generation(), question, compute);
    }

    /** A published dataset's description; conditionally opened ones are described to anyone, only their rows need a key. */
    public Result<OpenDataset> dataset(String resourceCode, Locale locale) {
        var opening = openings.published(resourceCode == null ? "" : resourceCode.strip());
        if (opening.isEmpty()) return Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", resourceCode));
        return Result.ok(describe(opening.get(), locale));
    }

    /**
     * The published datasets among these codes, described in the codes' order, anything not published left out: a page of
     * search results, described from the published datasets' catalog entries and data versions held in memory.
     */
    public List<OpenDataset> datasets(List<String> resourceCodes, Locale locale) {
        var published = openings.published();
        var entries = publishedCatalog.entries(published, resourceCodes);
        var described = new java.util.ArrayList<OpenDataset>(entries.size());
        for (String code : resourceCodes) {
            var entry = entries.get(code);
            if (entry != null) described.add(describe(published.byCode().get(code), entry.resource(), entry.version(), locale));
        }
        return described;
    }

    /** A published opening as the public sees it. */
    public OpenDataset describe(Opening opening, Locale locale) {
        var resource = catalog.get(Actor.system(0), opening.resourceCode()).value();
        return describe(opening, resource, datastore.readableVersion(resource.id()), locale);
    }

    private OpenDataset describe(Opening opening, org.citydata.catalog.Resource resource,
                                 java.util.Optional<org.citydata.datastore.DatasetVersion> current, Locale locale) {
        var d = resource.metadata();
        var provider = departments.find(resource.providerId()).orElseThrow();
        var fields = d.fields().stream().filter(f -> opening.fields().containsKey(f.name()))
                .map(f -> new OpenDataset.Field(f.name(), f.label(), f.type(), f.description(), opening.fields().get(f.name())))
                .toList();
        return new OpenDataset(resource.code(), d.name(), d.summary(), provider.code(), provider.name(locale), d.theme(), d.format(),
                d.updateCycle(), opening.openType(), opening.openCondition(), Licence.of(opening.licence()).orElse(Licence.CC_BY_4_0),
                d.tags(), d.releaseDate(), fields, current.map(v -> v.version()).orElse(null),
                current.map(v -> v.rowCount()).orElse(null), current.map(v -> v.committedAt()).orElse(null),
                opening.publishedAt(), resource.updatedAt());
    }

    /** The published opening a reader may read. */
    public Result<Opening> readable(Actor reader, String resourceCode) {
        return readable(reader, resourceCode, openings.published());
    }

    private static Result<Opening> readable(Actor reader, String resourceCode, Openings.Published published) {
        var opening = java.util.Optional.ofNullable(published.byCode().get(resourceCode == null ? "" : resourceCode.strip()));
        if (opening.isEmpty()) return Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", resourceCode));
        if (opening.get().openType() == OpenType.CONDITIONAL && reader.id() == 0)
            return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_KEY_REQUIRED", resourceCode));
        return Result.ok(opening.get());
    }

    /** A page of rows: fields, filters (on clear fields only), sort and page as in {@link RowQuery}. */
    public Result<RowPage> records(Actor reader, RowQuery query, String requestId) {
        var terms = terms(reader, query.resourceCode(), requestId);
        if (!terms.succeeded()) return Result.failure(terms.problem());
        return datastore.read(terms.value(), query);
    }

    /** A whole download, checked before its first byte; stream it with {@link Export#writeTo}. */
    public Result<Export> download(Actor reader, RowQuery query, ExportFormat format, String requestId) {
        var terms = terms(reader, query.resourceCode(), requestId);
        if (!terms.succeeded()) return Result.failure(terms.problem());
        return datastore.prepareExport(terms.value(), query, format);
    }

    /** The most frequent values of a field with their row counts, most first, and the rows with any other value. */
    public record Distribution(String field, List<ValueGroup> values, long otherRows) {}

    /**
     * How many rows have each value of one field, masked as opened (so a year, not a birth date), over the whole data:
     * the {@code limit} (1 to 100) most frequent values and the rest counted together. For the portal's chart of a column;
     * recorded as a scan.
     */
    public Result<Distribution> distribution(Actor reader, String resourceCode, String field, int limit, String requestId) {
        var terms = terms(reader, resourceCode, requestId);
        if (!terms.succeeded()) return Result.failure(terms.problem());
        if (!terms.value().granted().containsKey(field))
            return Result.failure(Problem.forbidden("DATASTORE_FIELD_NOT_GRANTED", field));
        var groups = datastore.groups(terms.value(), resourceCode.strip(), List.of(field));
        if (!groups.succeeded()) return Result.failure(groups.problem());
        var sorted = new java.util.ArrayList<>(groups.value());
        sorted.sort(java.util.Comparator.comparingLong(ValueGroup::rows).reversed());
        var top = List.copyOf(sorted.subList(0, Math.min(Math.min(Math.max(limit, 1), 100), sorted.size())));
        long others = sorted.subList(top.size(), sorted.size()).stream().mapToLong(ValueGroup::rows).sum();
        return Result.ok(new Distribution(field, top, others));
    }

    private Result<ReadTerms> terms(Actor reader, String resourceCode, String requestId) {
        if (reader.kind() != Actor.Kind.PUBLIC) throw new IllegalArgumentException("open data is read as the public: " + reader.kind());
        var published = openings.published();
        var opening = readable(reader, resourceCode, published);
        if (!opening.succeeded()) return Result.failure(opening.problem());
        // only what was assessed is read: a retired resource, or data newer than the opening's assessment (a load
        // whose assessment is still running or could not run), is refused rather than served unchecked
        var resource = catalog.get(Actor.system(0), opening.value().resourceCode());
        if (!resource.succeeded() || resource.value().status() != ResourceStatus.PUBLISHED)
            return Result.failure(Problem.notFound("OPENDATA_NOT_FOUND", resourceCode));
        var current = datastore.readableVersion(resource.value().id());
        var assessed = published.assessedVersions().get(opening.value().id());
        if (current.isPresent() && (assessed == null || assessed != current.get().version()))
            return Result.failure(Problem.of(Problem.Kind.UNAVAILABLE, "OPENDATA_NOT_ASSESSED", resourceCode));
        return Result.ok(ReadTerms.opened(reader, PURPOSE, null, requestId, opening.value().id(), Openings.rules(opening.value().fields())));
    }
}
