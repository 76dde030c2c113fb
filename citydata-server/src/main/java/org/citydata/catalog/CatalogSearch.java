package org.citydata.catalog;

import java.nio.file.Path;
import java.time.Duration;
import org.citydata.catalog.internal.IndexEntries;
import org.citydata.catalog.internal.ResourceIndex;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Searching the catalog. The index follows each committed change at once; it is rebuilt from the database when it
 * disagrees with it at start-up (first start, a crash between commit and index, an older index layout), and on demand.
 */
@Service
public class CatalogSearch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CatalogSearch.class);

    private final ResourceIndex index;
    private final IndexEntries entries;
    private final AccessPolicy policy;

    CatalogSearch(@Value("${citydata.search.index-dir}") Path indexDir, IndexEntries entries, AccessPolicy policy,
                  org.citydata.catalog.internal.ResourceRepository resources) {
        this.index = new ResourceIndex(indexDir);
        this.entries = entries;
        this.policy = policy;
        if (!index.hasCurrentLayout() || index.size() != resources.count()) rebuild();
    }

    public SearchResult search(Actor actor, SearchQuery query) {
        return index.search(query, new ResourceIndex.Viewer(actor.departmentId(), policy.canSeeAllDepartments(actor)));
    }

    /** A search among these resources only, for readers outside government: no drafts, whatever the codes say. */
    public SearchResult searchAmong(SearchQuery query, java.util.Set<String> codes) {
        return index.search(query, among(codes));
    }

    /**
     * Every resource among these codes, newest first, unpaged: for a reader that filters, counts and orders the hits
     * itself (open data's CKAN-compatible search).
     */
    public java.util.List<SearchResult.Hit> allAmong(java.util.Set<String> codes) {
        return index.all(among(codes));
    }

    /**
     * The codes among these that the text matches (all of them without text), best match first: cheaper than hits, for
     * a caller that knows the rest of each resource.
     */
    public java.util.List<String> codesAmong(String text, java.util.Set<String> codes) {
        return index.codes(text, among(codes));
    }

    /** The first codes in {@link #codesAmong}'s order and how many match in all. */
    public record Top(long total, java.util.List<String> codes) {}

    /** {@link #codesAmong} cut to its first {@code n}, with the count of all: the index ranks and counts, nothing is kept. */
    public Top topAmong(String text, java.util.Set<String> codes, int n) {
        return index.top(text, among(codes), n);
    }

    /** A reader outside government, who finds only these resources and no drafts. */
    private static ResourceIndex.Viewer among(java.util.Set<String> codes) {
        return new ResourceIndex.Viewer(0, false, java.util.Set.copyOf(codes));
    }

    /** Changes whenever the index changes, so a caller may keep what it derived from it until then. */
    public long generation() {
        return index.generation();
    }

    public record Rebuilt(int resources, long millis) {}

    public Result<Rebuilt> rebuild(Actor actor) {
        if (!policy.canRebuildSearchIndex(actor)) return AccessPolicy.denied("search index");
        return Result.ok(rebuild());
    }

    public Rebuilt rebuild() {
        long start = System.nanoTime();
        int count = index.rebuild(entries::all);
        var took = Duration.ofNanos(System.nanoTime() - start);
        log.info("catalog index rebuilt: {} resources in {} ms", count, took.toMillis());
        return new Rebuilt(count, took.toMillis());
    }

    /** Read and write under the index's lock, so a later commit's entry is never overwritten by an earlier one's. */
    @TransactionalEventListener
    void on(ResourceChanged changed) {
        synchronized (index) {
            index.put(entries.one(changed.resourceId()));
        }
    }

    @Override
    public void destroy() throws Exception {
        index.close();
    }
}
