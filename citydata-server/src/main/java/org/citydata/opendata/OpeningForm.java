package org.citydata.opendata;

import java.util.List;
import java.util.Map;

/**
 * What a department proposes: the resource, the fields to open with each one's masking rule text ({@code clear},
 * {@code year}, {@code region(4)} …; a field left out is not opened), the quasi-identifiers and {@code k} (null: the
 * platform's default), the licence (null: the platform's default) and, for conditional opening, its condition.
 */
public record OpeningForm(String resourceCode, Map<String, String> fields, List<String> quasiIdentifiers, Integer k,
                          String licence, String openCondition) {

    public OpeningForm {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        quasiIdentifiers = quasiIdentifiers == null ? List.of() : List.copyOf(quasiIdentifiers);
    }
}
