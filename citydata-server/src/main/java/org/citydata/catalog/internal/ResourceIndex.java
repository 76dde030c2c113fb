package org.citydata.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchQuery.Facet;
import org.citydata.catalog.SearchResult;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;

/**
 * The catalog's Lucene index: smartcn-segmented text over name, summary, field labels and tags, with one
 * sorted-set facet per {@link Facet}. It is a copy of the database, kept in step after every commit and
 * rebuildable from it at any time.
 */
public final class ResourceIndex implements AutoCloseable {

    /** What the index holds of a resource: enough to find it, count it in facets and show a hit without the database. */
    public record Entry(long id, String code, String name, String summary, String providerCode, long providerId,
                        Theme theme, ShareType shareType, OpenType openType, DataFormat format, UpdateCycle updateCycle,
                        ResourceStatus status, List<String> tags, String fieldText, OffsetDateTime updatedAt) {}

    /**
     * Who is searching: drafts of other departments are filtered out unless {@code seesAllDrafts}; when {@code only}
     * is not null, nothing but the resources with these codes is found, and no drafts (the public sees the opened ones).
     */
    public record Viewer(long departmentId, boolean seesAllDrafts, Set<String> only) {
        public Viewer(long departmentId, boolean seesAllDrafts) {
            this(departmentId, seesAllDrafts, null);
        }
    }

    private static final String TAG_SEPARATOR = "\u001f";
    /** Matches a top-n search counts exactly before it may skip the rest (Lucene's default). */
    private static final int COUNTED = 1000;
    private static final Sort NEWEST = new Sort(new SortField("updated", SortField.Type.LONG, true));
    private static final Map<String, Float> TEXT_FIELDS = new LinkedHashMap<>();
    /** Raised whenever what a document holds changes: an index of another layout is rebuilt at start-up. */
    static final String LAYOUT = "4";
    /** Each text field is indexed twice: segmented into words (smartcn), and as overlapping character pairs. */
    private static final String BIGRAMS = "_cjk";

    static {
        TEXT_FIELDS.put("name", 4f);
        TEXT_FIELDS.put("tags", 2f);
        TEXT_FIELDS.put("labels", 1.5f);
        TEXT_FIELDS.put("summary", 1f);
    }

    private final FSDirectory directory;
    private final Analyzer words = new SmartChineseAnalyzer();
    private final Analyzer bigrams = new CJKAnalyzer();
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(words, bigramFields(bigrams));
    private final FacetsConfig facets = new FacetsConfig();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile FacetState facetState;
    private volatile Among among;
    private volatile CodesByDoc codesByDoc;

    private record CodesByDoc(IndexReader reader, String[] codes) {}

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

    /** A viewer's set of codes with the filter made of it: built once per set, not per search (10,000 codes take ms). */
    private record Among(Set<String> codes, Query filter) {}

    public ResourceIndex(Path dir) {
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the catalog index in " + dir, e);
        }
    }

    public int size() {
        return writer.getDocStats().numDocs;
    }

    /** Whether the index on disk was written with this version's document layout. */
    public boolean hasCurrentLayout() {
        for (var entry : writer.getLiveCommitData()) {
            if (entry.getKey().equals("layout")) return entry.getValue().equals(LAYOUT);
        }
        return false;
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of("layout", LAYOUT).entrySet());
        writer.commit();
    }

    /** Adds or replaces one resource and makes it visible to the next search. */
    public synchronized void put(Entry entry) {
        try {
            writer.updateDocument(new Term("id", Long.toString(entry.id())), document(entry));
            commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws the index away and fills it from {@code source}, which feeds every entry to the consumer it is given. */
    public synchronized int rebuild(Consumer<Consumer<Entry>> source) {
        try {
            writer.deleteAll();
            int[] count = {0};
            source.accept(entry -> {
                try {
                    writer.addDocument(document(entry));
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            commit();
            searchers.maybeRefreshBlocking();
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SearchResult search(SearchQuery query, Viewer viewer) {
        return searching(searcher -> search(searcher, query, viewer));
    }

    private interface Searching<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    /** Runs on the current searcher, released afterwards. */
    private <T> T searching(Searching<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.on(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every resource the viewer may find, newest first, unpaged and without facets: for a caller that filters, counts
     * and orders further itself.
     */
    public List<SearchResult.Hit> all(Viewer viewer) {
        return searching(searcher -> {
            var hits = new ArrayList<SearchResult.Hit>();
            for (ScoreDoc doc : matches(searcher, null, viewer)) hits.add(hit(searcher.storedFields().document(doc.doc)));
            return hits;
        });
    }

    /**
     * The codes of {@link #all}'s resources in the same order, read from doc values rather than the stored documents:
     * for a caller that holds the rest of what it needs about each resource already.
     */
    public List<String> codes(String text, Viewer viewer) {
        return searching(searcher -> {
            var byDoc = codesByDoc(searcher.getIndexReader());
            var codes = new ArrayList<String>();
            for (ScoreDoc d : matches(searcher, text, viewer)) codes.add(byDoc[d.doc]);
            return codes;
        });
    }

    /**
     * The first {@code n} of {@link #codes} and how many match in all: Sort.RELEVANCE's order (score, then doc id) with
     * text, newest first without.
     */
    public org.citydata.catalog.CatalogSearch.Top top(String text, Viewer viewer, int n) {
        return searching(searcher -> {
            int most = size(searcher, viewer);
            if (most == 0) return new org.citydata.catalog.CatalogSearch.Top(0, List.of());
            int size = Math.max(1, Math.min(n, most));
            var query = base(text, viewer, searcher);
            // the queue may skip what cannot reach it (scoring every match costs most of a search); counting is apart
            var top = relevant(text) ? searcher.search(query, new org.apache.lucene.search.TopScoreDocCollectorManager(size, COUNTED))
                    : searcher.search(query, new org.apache.lucene.search.TopFieldCollectorManager(NEWEST, size, COUNTED));
            long total = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO ? top.totalHits.value
                    : searcher.count(query);
            var byDoc = codesByDoc(searcher.getIndexReader());
            var codes = new ArrayList<String>();
            for (int i = 0; i < Math.min(n, top.scoreDocs.length); i++) codes.add(byDoc[top.scoreDocs[i].doc]);
            return new org.citydata.catalog.CatalogSearch.Top(total, List.copyOf(codes));
        });
    }

    /** Every document's code by doc id, read once per reader from the doc values. */
    private String[] codesByDoc(IndexReader reader) throws IOException {
        var last = codesByDoc;
        if (last != null && last.reader() == reader) return last.codes();
        var codes = new String[reader.maxDoc()];
        for (var leaf : reader.leaves()) {
            var values = leaf.reader().getSortedDocValues("code_dv");
            if (values == null) continue;
            for (int doc = values.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc())
                codes[leaf.docBase + doc] = values.lookupOrd(values.ordValue()).utf8ToString();
        }
        codesByDoc = new CodesByDoc(reader, codes);
        return codes;
    }

    /** Every match, by relevance with text (newest first without). */
    private ScoreDoc[] matches(IndexSearcher searcher, String text, Viewer viewer) throws IOException {
        int n = size(searcher, viewer);
        if (n == 0) return new ScoreDoc[0];
        var query = base(text, viewer, searcher);
        return relevant(text) ? byScore(searcher, query) : searcher.search(query, n, NEWEST).scoreDocs;
    }

    /** How many resources the viewer may find at most: what a collector holds room for. */
    private static int size(IndexSearcher searcher, Viewer viewer) {
        int n = searcher.getIndexReader().numDocs();
        return viewer.only() == null ? n : Math.min(n, viewer.only().size());
    }

    private static boolean relevant(String text) {
        return text != null && !text.isBlank();
    }

    /**
     * Every match in Sort.RELEVANCE's order (score, then doc id), collected whole and sorted once: a top-n queue as big
     * as the index spends most of a search on its heap when thousands match.
     */
    private static ScoreDoc[] byScore(IndexSearcher searcher, Query query) throws IOException {
        var all = new org.apache.lucene.search.SimpleCollector() {
            long[] keys = new long[1024];
            int n;
            int base;
            org.apache.lucene.search.Scorable scorer;

            @Override
            public org.apache.lucene.search.ScoreMode scoreMode() {
                return org.apache.lucene.search.ScoreMode.COMPLETE;
            }

            @Override
            protected void doSetNextReader(org.apache.lucene.index.LeafReaderContext context) {
                base = context.docBase;
            }

            @Override
            public void setScorer(org.apache.lucene.search.Scorable scorer) {
                this.scorer = scorer;
            }

            @Override
            public void collect(int doc) throws IOException {
                if (n == keys.length) keys = Arrays.copyOf(keys, n * 2);
                // scores are never negative, so their bits order as they do: inverted for best first, the doc id after
                keys[n++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(scorer.score())) << 32) | (base + doc);
            }
        };
        searcher.search(query, all);
        var keys = Arrays.copyOf(all.keys, all.n);
        Arrays.sort(keys);
        var docs = new ScoreDoc[keys.length];
        for (int i = 0; i < keys.length; i++) {
            int doc = (int) keys[i];
            docs[i] = new ScoreDoc(doc, Float.intBitsToFloat(Integer.MAX_VALUE - (int) (keys[i] >>> 32)));
        }
        return docs;
    }

    /** Changes whenever a search could find something else: every put and rebuild. */
    public long generation() {
        return searching(searcher -> ((org.apache.lucene.index.DirectoryReader) searcher.getIndexReader()).getVersion());
    }

    private SearchResult search(IndexSearcher searcher, SearchQuery query, Viewer viewer) throws IOException {
        if (searcher.getIndexReader().numDocs() == 0) return new SearchResult(0, query.page(), query.size(), List.of(), Map.of());
        if (viewer.only() != null && viewer.only().isEmpty()) return new SearchResult(0, query.page(), query.size(), List.of(), Map.of());
        var drill = new DrillDownQuery(facets, base(query.text(), viewer, searcher));
        query.filters().forEach((facet, values) -> values.forEach(v -> drill.add(facet.param, v)));

        Sort sort = switch (query.order()) {
            case RELEVANCE -> relevant(query.text()) ? Sort.RELEVANCE : NEWEST;
            case NEWEST -> NEWEST;
            case NAME -> new Sort(new SortField("name_sort", SortField.Type.STRING));
        };
        int topN = (query.page() + 1) * query.size();
        var result = new DrillSideways(searcher, facets, facetState(searcher.getIndexReader()))
                .search(drill, null, null, topN, sort, false);

        var hits = new ArrayList<SearchResult.Hit>();
        ScoreDoc[] docs = result.hits.scoreDocs;
        for (int i = query.page() * query.size(); i < docs.length; i++) hits.add(hit(searcher.storedFields().document(docs[i].doc)));
        var counts = new LinkedHashMap<String, List<SearchResult.FacetCount>>();
        for (Facet facet : Facet.values()) {
            FacetResult fr = result.facets.getTopChildren(200, facet.param);
            var selected = Set.copyOf(query.filters().getOrDefault(facet, List.of()));
            var list = new ArrayList<SearchResult.FacetCount>();
            if (fr != null) Arrays.stream(fr.labelValues).forEach(lv ->
                    list.add(new SearchResult.FacetCount(lv.label, lv.value.longValue(), selected.contains(lv.label))));
            // a selected value with no hits still shows, so a person can unselect it
            selected.stream().filter(s -> list.stream().noneMatch(c -> c.value().equals(s)))
                    .forEach(s -> list.add(new SearchResult.FacetCount(s, 0, true)));
            counts.put(facet.param, List.copyOf(list));
        }
        // answers may be kept and shared between readers: nothing in them can be changed
        return new SearchResult(result.hits.totalHits.value, query.page(), query.size(), List.copyOf(hits),
                java.util.Collections.unmodifiableMap(counts));
    }

    /** The text, among the viewer's resources and without other departments' drafts unless the viewer sees them. */
    private Query base(String text, Viewer viewer, IndexSearcher searcher) throws IOException {
        var base = new BooleanQuery.Builder().add(textQuery(text, searcher), Occur.MUST);
        if (viewer.only() != null) {
            // readers outside government: no drafts at all, excluded by one term rather than the department's clauses
            base.add(among(viewer.only()), Occur.FILTER);
            base.add(new TermQuery(new Term("status", ResourceStatus.DRAFT.name())), Occur.MUST_NOT);
        } else if (!viewer.seesAllDrafts()) {
            base.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("status", ResourceStatus.DRAFT.name())), Occur.MUST_NOT)
                    .add(new MatchAllDocsQuery(), Occur.MUST).build(), Occur.SHOULD);
            base.add(new TermQuery(new Term("provider_id", Long.toString(viewer.departmentId()))), Occur.SHOULD);
            base.setMinimumNumberShouldMatch(1);
        }
        return base.build();
    }

    /**
     * A resource matches when every character pair of the text appears in some text field; segmented words only
     * rank. Pairs match a word however smartcn cuts it (a lone 税收 becomes 税 | 收, while 地方税收征管 keeps 税收), and
     * matching on one clause keeps broad queries as cheap as before. A word that is also one of the pairs weighs on its
     * pair rather than being asked again in the word fields: each field term asked costs a search its own postings
     * reader and scorer, and such a word matched where its pair did. A resource code matches itself exactly.
     */
    private Query textQuery(String text, IndexSearcher searcher) throws IOException {
        if (text == null || text.isBlank()) return new MatchAllDocsQuery();
        var either = new BooleanQuery.Builder().add(new TermQuery(new Term("code", text.strip().toUpperCase())), Occur.SHOULD);
        var lookup = new TermLookup(searcher);
        var pairs = analyze(bigrams, text);
        var segmented = analyze(words, text);
        var byPairs = allTermsInSomeField(pairs, BIGRAMS, pair -> segmented.contains(pair) ? 1.5f : 0.5f, lookup);
        var byWords = allTermsInSomeField(segmented.stream().filter(w -> !pairs.contains(w)).toList(), "", word -> 1f, lookup);
        if (byPairs != null) {
            var matched = new BooleanQuery.Builder().add(byPairs, Occur.MUST);
            if (byWords != null) matched.add(byWords, Occur.SHOULD);
            either.add(matched.build(), Occur.SHOULD);
        } else if (byWords != null) {
            either.add(byWords, Occur.SHOULD);
        }
        return either.build();
    }

    private static Query allTermsInSomeField(List<String> terms, String suffix, java.util.function.ToDoubleFunction<String> weight,
            TermLookup lookup) throws IOException {
        if (terms.isEmpty()) return null;
        var all = new BooleanQuery.Builder();
        for (String term : terms) {
            var any = new BooleanQuery.Builder();
            for (var field : TEXT_FIELDS.entrySet()) {
                // a field without the term adds nothing to a score; with none of them the clause matches nothing, as before
                var query = lookup.query(new Term(field.getKey() + suffix, term));
                if (query != null) any.add(new BoostQuery(query, field.getValue() * (float) weight.applyAsDouble(term)), Occur.SHOULD);
            }
            all.add(any.build(), Occur.MUST);
        }
        return all.build();
    }

    /**
     * A search's terms with their statistics looked up through one terms enumerator per field and segment: Lucene's
     * own lookup opens one per term, and that setup was about a third of what a never-asked search allocated.
     */
    private static final class TermLookup {
        private final IndexSearcher searcher;
        private final Map<String, TermsEnum[]> enums = new HashMap<>();

        TermLookup(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        /** The term's query carrying its statistics, or null when no segment holds the term. */
        TermQuery query(Term term) throws IOException {
            var leaves = searcher.getIndexReader().leaves();
            var byLeaf = enums.computeIfAbsent(term.field(), f -> new TermsEnum[leaves.size()]);
            TermStates states = null;
            for (var leaf : leaves) {
                var terms = byLeaf[leaf.ord];
                if (terms == null) {
                    var inLeaf = leaf.reader().terms(term.field());
                    if (inLeaf == null) continue;
                    terms = byLeaf[leaf.ord] = inLeaf.iterator();
                }
                if (!terms.seekExact(term.bytes())) continue;
                if (states == null) states = new TermStates(searcher.getTopReaderContext());
                states.register(terms.termState(), leaf.ord, terms.docFreq(), terms.totalTermFreq());
            }
            return states == null ? null : new TermQuery(term, states);
        }
    }

    private static Map<String, Analyzer> bigramFields(Analyzer bigrams) {
        var map = new LinkedHashMap<String, Analyzer>();
        TEXT_FIELDS.keySet().forEach(f -> map.put(f + BIGRAMS, bigrams));
        return map;
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        var terms = new ArrayList<String>();
        try (var stream = analyzer.tokenStream("text", text)) {
            var attr = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) terms.add(attr.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private Query among(Set<String> codes) {
        var last = among;
        if (last != null && last.codes() == codes) return last.filter();
        var filter = new TermInSetQuery("code", codes.stream().map(BytesRef::new).toList());
        among = new Among(codes, filter);
        return filter;
    }

    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        var current = facetState;
        if (current != null && current.reader() == reader) return current.state();
        // building the ordinal map costs a few milliseconds: once per reader, not per search
        var state = new DefaultSortedSetDocValuesReaderState(reader, facets);
        facetState = new FacetState(reader, state);
        return state;
    }

    private Document document(Entry e) throws IOException {
        var doc = new Document();
        doc.add(new StringField("id", Long.toString(e.id()), Field.Store.YES));
        doc.add(new StringField("code", e.code(), Field.Store.YES));
        doc.add(new SortedDocValuesField("code_dv", new BytesRef(e.code())));
        doc.add(new StringField("provider_id", Long.toString(e.providerId()), Field.Store.NO));
        doc.add(new StringField("status", e.status().name(), Field.Store.NO));
        doc.add(new TextField("name", e.name(), Field.Store.YES));
        doc.add(new TextField("summary", e.summary(), Field.Store.YES));
        text(doc, "name", e.name());
        text(doc, "summary", e.summary());
        text(doc, "labels", e.fieldText() == null ? "" : e.fieldText());
        text(doc, "tags", String.join(" ", e.tags()));
        doc.add(new StoredField("tag_list", String.join(TAG_SEPARATOR, e.tags())));
        long updated = e.updatedAt().toInstant().toEpochMilli();
        doc.add(new NumericDocValuesField("updated", updated));
        doc.add(new SortedDocValuesField("name_sort", new BytesRef(e.name())));
        doc.add(new StoredField("updated", updated));
        facet(doc, Facet.PROVIDER, e.providerCode());
        facet(doc, Facet.THEME, e.theme().name());
        facet(doc, Facet.SHARE_TYPE, e.shareType().name());
        facet(doc, Facet.OPEN_TYPE, e.openType().name());
        facet(doc, Facet.FORMAT, e.format().name());
        facet(doc, Facet.UPDATE_CYCLE, e.updateCycle().name());
        facet(doc, Facet.STATUS, e.status().name());
        return facets.build(doc);
    }

    /** The segmented field is added by the caller where it is also stored; the pair field is added here. */
    private static void text(Document doc, String field, String value) {
        if (!field.equals("name") && !field.equals("summary")) doc.add(new TextField(field, value, Field.Store.NO));
        doc.add(new TextField(field + BIGRAMS, value, Field.Store.NO));
    }

    private static void facet(Document doc, Facet facet, String value) {
        doc.add(new SortedSetDocValuesFacetField(facet.param, value));
        doc.add(new StoredField(facet.param, value));
    }

    private static SearchResult.Hit hit(Document d) {
        String tags = d.get("tag_list");
        return new SearchResult.Hit(d.get("code"), d.get("name"), d.get("summary"), d.get(Facet.PROVIDER.param),
                Theme.valueOf(d.get(Facet.THEME.param)), ShareType.valueOf(d.get(Facet.SHARE_TYPE.param)),
                OpenType.valueOf(d.get(Facet.OPEN_TYPE.param)), DataFormat.valueOf(d.get(Facet.FORMAT.param)),
                UpdateCycle.valueOf(d.get(Facet.UPDATE_CYCLE.param)), ResourceStatus.valueOf(d.get(Facet.STATUS.param)),
                tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(TAG_SEPARATOR)),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(d.getField("updated").numericValue().longValue()), ZoneId.systemDefault()));
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
        words.close();
        bigrams.close();
    }

}
