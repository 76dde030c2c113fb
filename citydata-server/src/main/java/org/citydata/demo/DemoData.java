package org.citydata.demo;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.demo.DemoCity.DemoResource;
import org.citydata.demo.DemoCity.DemoUser;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.identity.Role;
import org.citydata.identity.Users;
import org.citydata.ingest.FileIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the demo city's rows the way a department does: each provider's data officer loads a CSV file through
 * {@link FileIngest}, which checks every value and quarantines what fails. Resources marked {@code "data": "NONE"} stay
 * empty, so the collection rate shows departments that lag; 行政区划代码 gets the GB/T 2260 divisions of all China.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** The seed of every generated row: change it and the whole city changes. */
    static final long SEED = 2260_3205L;
    /** The day the generated data describes; a clock set earlier moves it back, so no birth date lies in the future. */
    static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    /** What a resource's data comes from. */
    enum Source { GENERATED, NONE, ADMIN_DIVISIONS }

    /** What was loaded, for the log and for tests. */
    record Loaded(int resources, long rows, long quarantined, long millis) {}

    private final Catalog catalog;
    private final FileIngest ingest;
    private final Users users;
    private final Departments departments;

    DemoData(Catalog catalog, FileIngest ingest, Users users, Departments departments) {
        this.catalog = catalog;
        this.ingest = ingest;
        this.users = users;
        this.departments = departments;
    }

    Loaded load(List<DemoResource> resources, Map<String, String> codes, List<DemoUser> people) {
        long started = System.nanoTime();
        var rows = new DemoRows(SuzhouPlaces.load(), SEED, asOf());
        int loaded = 0;
        long read = 0, quarantined = 0;
        for (var r : resources) {
            var source = r.data() == null ? Source.GENERATED : r.data();
            if (!r.status().equals("PUBLISHED") || source == Source.NONE) continue;
            String code = codes.get(r.name());
            var fields = catalog.get(Actor.system(0), code).value().metadata().fields();
            var table = source == Source.ADMIN_DIVISIONS ? AdminDivisions.table(fields)
                    : rows.table(r.name(), fields, r.badRows() == null ? 0 : r.badRows());
            var run = ingest.load(officer(r.provider(), people), code, r.name() + ".csv", new ByteArrayInputStream(table.csv()),
                    new FileIngest.Options("UTF-8", ','));
            if (!run.succeeded()) throw new IllegalStateException("demo city: loading " + r.name() + " refused: "
                    + run.problem().code() + " " + run.problem().args());
            if (run.value().rowsRejected() != table.badRows().size())
                log.warn("demo data of {}: {} rows quarantined where {} were spoiled on purpose", r.name(), run.value().rowsRejected(),
                        table.badRows().size());
            loaded++;
            read += run.value().rowsRead();
            quarantined += run.value().rowsRejected();
        }
        return new Loaded(loaded, read, quarantined, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A resource's generated rows as its load kept them (the rows spoiled on purpose left out), each by field name:
     * the same rows {@link #load} loaded, made again from the seed, so the demo can name people who are in the data.
     */
    List<Map<String, String>> loadedRows(DemoResource resource, String code) {
        var fields = catalog.get(Actor.system(0), code).value().metadata().fields();
        var table = new DemoRows(SuzhouPlaces.load(), SEED, asOf())
                .table(resource.name(), fields, resource.badRows() == null ? 0 : resource.badRows());
        var kept = new ArrayList<Map<String, String>>();
        for (int i = 0; i < table.rows().size(); i++) {
            if (table.badRows().contains(i)) continue;
            var row = new LinkedHashMap<String, String>();
            for (int f = 0; f < fields.size(); f++) row.put(fields.get(f).name(), table.rows().get(i).get(f));
            kept.add(row);
        }
        return kept;
    }

    private static LocalDate asOf() {
        return LocalDate.now().isBefore(AS_OF) ? LocalDate.now() : AS_OF;
    }

    /** The provider's data officer, as if signed in; the platform itself for a department without one. */
    /** The department's data officer as if signed in (the platform itself where it has none). */
    Actor officer(String department, List<DemoUser> people) {
        return people.stream()
                .filter(u -> u.department().equals(department) && u.roles().contains(Role.DATA_OFFICER))
                .findFirst()
                .flatMap(u -> users.find(u.username()))
                .map(u -> new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(), u.roles()))
                .orElseGet(() -> Actor.system(departments.findByCode(department).orElseThrow().id()));
    }
}
