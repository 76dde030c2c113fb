package org.citydata.platform.reference;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * GB/T 2260 administrative divisions down to county level (province 2 digits, city 4, county 6), loaded once from
 * the bundled reference data. Streets (9 digits) stay on disk until a module needs them.
 */
@Component
public class Regions {

    public record Region(String code, String name, String parentCode) {}

    private final Map<String, Region> byCode;

    public Regions() {
        var map = new LinkedHashMap<String, Region>();
        read("provinces.csv", 0).forEach(r -> map.put(r.code(), r));
        read("cities.csv", 2).forEach(r -> map.put(r.code(), r));
        read("areas.csv", 2).forEach(r -> map.put(r.code(), r));
        byCode = Collections.unmodifiableMap(map);
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** "江苏省 苏州市 吴中区" for 320506: the name a person recognises. */
    public String fullName(String code) {
        var parts = new java.util.ArrayDeque<String>();
        for (var r = find(code); r.isPresent(); r = find(r.get().parentCode())) {
            if (!r.get().name().equals("市辖区")) parts.push(r.get().name());
        }
        return String.join(" ", parts);
    }

    private static List<Region> read(String file, int parentColumn) {
        var resource = new ClassPathResource("reference/admin-divisions/" + file);
        try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
             var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return csv.stream().map(r -> new Region(r.get(0), r.get(1), parentColumn == 0 ? null : r.get(parentColumn))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reference data " + file + " is missing from the build", e);
        }
    }
}
