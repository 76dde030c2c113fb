package org.citydata.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.citydata.catalog.ImportReport.RowError;
import org.citydata.catalog.internal.CatalogXlsx;
import org.citydata.catalog.internal.ResourceRepository;
import org.citydata.identity.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/** Catalogs in and out of spreadsheets: the template, import with a row-by-row report, export of a search. */
@Service
public class CatalogTransfer {

    private static final int EXPORT_BATCH = 200;

    private final Catalog catalog;
    private final CatalogSearch search;
    private final CatalogXlsx xlsx;
    private final ResourceRepository resources;

    CatalogTransfer(Catalog catalog, CatalogSearch search, CatalogXlsx xlsx, ResourceRepository resources) {
        this.catalog = catalog;
        this.search = search;
        this.xlsx = xlsx;
        this.resources = resources;
    }

    public void template(OutputStream out) throws IOException {
        xlsx.writeTemplate(out);
    }

    /**
     * Creates a draft for every valid row. When any row fails, nothing is kept unless {@code validOnly}: then the
     * valid rows are kept and the report still lists every failure.
     */
    @Transactional
    public ImportReport importXlsx(Actor actor, InputStream in, boolean validOnly) {
        var parsed = xlsx.read(in);
        var errors = new ArrayList<>(parsed.errors());
        var created = new ArrayList<String>();
        for (var row : parsed.resources()) {
            if (!row.errors().isEmpty()) {
                // report the row's other problems too, except on cells that could not be read at all
                errors.addAll(row.errors());
                var unreadable = row.errors().stream().map(RowError::column).collect(java.util.stream.Collectors.toSet());
                catalog.check(actor, row.draft()).stream()
                        .map(v -> xlsx.locate(row, v.field(), "violation." + v.code(), v.args()))
                        .filter(e -> !unreadable.contains(e.column()))
                        .forEach(errors::add);
                continue;
            }
            var result = catalog.create(actor, row.draft());
            if (result.succeeded()) {
                created.add(result.value().code());
                continue;
            }
            var problem = result.problem();
            if (problem.violations().isEmpty()) {
                errors.add(xlsx.locate(row, "providerCode", "problem." + problem.code(), problem.args()));
            } else {
                problem.violations().forEach(v -> errors.add(xlsx.locate(row, v.field(), "violation." + v.code(), v.args())));
            }
        }
        errors.sort(java.util.Comparator.comparing(RowError::sheet).thenComparingInt(RowError::row));
        if (!errors.isEmpty() && !validOnly) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            created.clear();
        }
        return new ImportReport(parsed.resources().size(), created, errors, validOnly);
    }

    public void exportXlsx(Actor actor, SearchQuery query, OutputStream out) throws IOException {
        xlsx.write(matching(actor, query), out);
    }

    /** Everything the search finds that this actor may see, loaded a batch at a time. */
    public Iterable<Resource> matching(Actor actor, SearchQuery query) {
        var codes = new ArrayList<String>();
        var first = search.search(actor, query.withPage(0, SearchQuery.MAX_SIZE));
        first.hits().forEach(h -> codes.add(h.code()));
        for (int page = 1; (long) page * SearchQuery.MAX_SIZE < first.total(); page++) {
            search.search(actor, query.withPage(page, SearchQuery.MAX_SIZE)).hits().forEach(h -> codes.add(h.code()));
        }
        return () -> new Iterator<>() {
            int next = 0;
            Iterator<Resource> batch = List.<Resource>of().iterator();

            public boolean hasNext() {
                while (!batch.hasNext() && next < codes.size()) {
                    var slice = codes.subList(next, Math.min(codes.size(), next + EXPORT_BATCH));
                    next += slice.size();
                    // the index decides what matches; the database still decides what this actor may see
                    batch = resources.findByCodes(slice).stream().filter(r -> catalog.visible(actor, r)).iterator();
                }
                return batch.hasNext();
            }

            public Resource next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return batch.next();
            }
        };
    }
}
