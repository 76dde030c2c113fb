package org.citydata.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.citydata.catalog.FieldSpec;
import org.springframework.core.io.ClassPathResource;

/**
 * The rows of the 行政区划代码 base resource: every province, city, county and township or street of China in the
 * bundled GB/T 2260 files, with its level and its parent. Codes keep the files' lengths (2, 4, 6 and 9 digits), the
 * same codes the catalog's region field takes. The files have no coordinates, so neither do the rows.
 */
final class AdminDivisions {

    /** One division; {@code level} is province, city, county or street; a province has no parent. */
    record Division(String code, String name, String level, String parentCode) {}

    private AdminDivisions() {}

    static List<Division> all() {
        var all = new ArrayList<Division>(45_000);
        read("provinces.csv", "province", -1, all);
        read("cities.csv", "city", 2, all);
        read("areas.csv", "county", 2, all);
        read("streets.csv", "street", 2, all);
        return all;
    }

    /** The divisions as a table of the resource's fields (code, name, level, parent_code; any other field stays empty). */
    static DemoRows.Table table(List<FieldSpec> fields) {
        var rows = new ArrayList<List<String>>(45_000);
        for (var d : all()) {
            var row = new ArrayList<String>(fields.size());
            for (var f : fields) row.add(switch (f.name()) {
                case "code" -> d.code();
                case "name" -> d.name();
                case "level" -> d.level();
                case "parent_code" -> d.parentCode();
                default -> null;
            });
            rows.add(row);
        }
        return new DemoRows.Table(List.copyOf(fields), rows, List.of());
    }

    private static void read(String file, String level, int parentColumn, List<Division> into) {
        var resource = new ClassPathResource("reference/admin-divisions/" + file);
        try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
             var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (var r : csv) into.add(new Division(r.get(0), r.get(1), level, parentColumn < 0 ? null : r.get(parentColumn)));
        } catch (IOException e) {
            throw new UncheckedIOException("reference data " + file + " is missing from the build", e);
        }
    }
}
