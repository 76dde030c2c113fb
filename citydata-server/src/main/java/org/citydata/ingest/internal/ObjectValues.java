package org.citydata.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.FieldSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a JSON object's values in the catalog's field order: per field, the keys the person mapped to it first, then
 * the field's name, then its Chinese label. Other keys are ignored; a missing key is an empty value.
 */
final class ObjectValues {

    private final JsonMapper json;
    private final List<List<String>> keys;

    ObjectValues(JsonMapper json, List<FieldSpec> fields, Map<String, String> mapping) {
        this.json = json;
        this.keys = fields.stream().map(f -> {
            var candidates = new ArrayList<String>();
            mapping.forEach((key, field) -> {
                if (field.equals(f.name())) candidates.add(key);
            });
            candidates.add(f.name());
            candidates.add(f.label());
            return List.copyOf(candidates);
        }).toList();
    }

    List<String> of(Map<?, ?> object) {
        var values = new ArrayList<String>(keys.size());
        for (var candidates : keys) values.add(text(value(object, candidates)));
        return values;
    }

    private static Object value(Map<?, ?> object, List<String> candidates) {
        for (String key : candidates) if (object.containsKey(key)) return object.get(key);
        return null;
    }

    private String text(Object value) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Map<?, ?> || value instanceof List<?>) return json.writeValueAsString(value);
        if (value instanceof java.math.BigDecimal d) return d.toPlainString();
        return value.toString();
    }
}
