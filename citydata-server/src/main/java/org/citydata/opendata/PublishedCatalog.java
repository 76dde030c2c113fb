package org.citydata.opendata;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Resource;
import org.citydata.datastore.DatasetVersion;
import org.citydata.datastore.Datastore;
import org.citydata.identity.Actor;
import org.springframework.stereotype.Component;

/**
 * Every published dataset's catalog entry and current data version, held in memory so that a page of search results is
 * described without the database: ten datasets not read in the last seconds cost three queries a page, most of a
 * never-asked CKAN search's PostgreSQL time.
 *
 * <p>What is held follows the published openings ({@link Openings#published()}): an entry is read again, from the
 * database and not from what was read in the last seconds, when its opening changed. An opening changes whenever its
 * dataset does, since a catalog change or new data has the platform assess it again; so the entries are as fresh as
 * the published openings, at once on this node and within {@code citydata.opendata.published-ttl} on another.
 */
@Component
class PublishedCatalog {

    /** A published dataset's catalog entry and its current data version (none before the first load). */
    record Entry(Resource resource, Optional<DatasetVersion> version) {}

    /** An entry with the opening and the opening's last change it was read for. */
    private record Stamped(long openingId, OffsetDateTime openingUpdatedAt, Entry entry) {}

    /** The entries read for one set of published openings, by resource code. */
    private record Held(Openings.Published of, Map<String, Stamped> byCode) {}

    private final Catalog catalog;
    private final Datastore datastore;
    private volatile Held held = new Held(null, Map.of());
    /** One reader reads what changed; the others wait for it rather than read the same. */
    private final ReentrantLock reading = new ReentrantLock();

    PublishedCatalog(Catalog catalog, Datastore datastore) {
        this.catalog = catalog;
        this.datastore = datastore;
    }

    /** The entries of these published datasets, by code; a code not published in {@code published} is left out. */
    Map<String, Entry> entries(Openings.Published published, List<String> codes) {
        var byCode = of(published).byCode();
        var found = new HashMap<String, Entry>();
        for (String code : codes) {
            var stamped = byCode.get(code);
            if (stamped != null) found.put(code, stamped.entry());
        }
        return found;
    }

    private Held of(Openings.Published published) {
        var last = held;
        if (last.of() == published) return last;
        reading.lock();
        try {
            last = held;
            if (last.of() == published) return last;
            var next = new HashMap<String, Stamped>();
            var changed = new ArrayList<String>();
            for (var opening : published.newestFirst()) {
                var kept = last.byCode().get(opening.resourceCode());
                if (kept != null && current(kept, opening, published)) next.put(opening.resourceCode(), kept);
                else changed.add(opening.resourceCode());
            }
            var resources = catalog.readEach(Actor.system(0), changed);
            var versions = datastore.current(resources.values().stream().map(Resource::id).toList());
            for (String code : changed) {
                var resource = resources.get(code);
                if (resource == null) continue; // gone from the catalog: described as not published
                var opening = published.byCode().get(code);
                next.put(code, new Stamped(opening.id(), published.updatedAt().get(opening.id()),
                        new Entry(resource, Optional.ofNullable(versions.get(resource.id())))));
            }
            var fresh = new Held(published, Map.copyOf(next));
            held = fresh;
            return fresh;
        } finally {
            reading.unlock();
        }
    }

    /** Whether an entry was read for this opening as it is now. */
    private static boolean current(Stamped kept, Opening opening, Openings.Published published) {
        return kept.openingId() == opening.id() && Objects.equals(kept.openingUpdatedAt(), published.updatedAt().get(opening.id()));
    }
}
