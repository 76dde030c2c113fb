package org.citydata.datastore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.citydata.catalog.Catalog;
import org.citydata.identity.Departments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** 采集率: published resources that have data (a current version), per department and for the city. */
@Service
public class CollectionRate {

    /** {@code percent} has one decimal and is 0 when nothing is published. */
    public record Rate(String departmentCode, String departmentName, long published, long collected, double percent) {
        static Rate of(String code, String name, long published, long collected) {
            return new Rate(code, name, published, collected, published == 0 ? 0 : Math.round(collected * 1000.0 / published) / 10.0);
        }
    }

    public record Report(Rate city, List<Rate> departments) {}

    private final Catalog catalog;
    private final Departments departments;
    private final JdbcClient db;

    CollectionRate(Catalog catalog, Departments departments, JdbcClient db) {
        this.catalog = catalog;
        this.departments = departments;
        this.db = db;
    }

    public Report compute() {
        var withData = new HashSet<>(db.sql("select resource_id from datastore_current").query(Long.class).list());
        var byProvider = catalog.published().stream().collect(Collectors.groupingBy(Catalog.PublishedRef::providerId));
        var rates = new ArrayList<Rate>();
        var names = departments.byId();
        byProvider.forEach((provider, refs) -> rates.add(Rate.of(names.get(provider).code(), names.get(provider).nameZh(),
                refs.size(), refs.stream().filter(r -> withData.contains(r.id())).count())));
        rates.sort(java.util.Comparator.comparing(Rate::departmentCode));
        long published = rates.stream().mapToLong(Rate::published).sum();
        long collected = rates.stream().mapToLong(Rate::collected).sum();
        return new Report(Rate.of("CITY", "全市", published, collected), rates);
    }
}
