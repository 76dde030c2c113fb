package org.citydata.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two versions of a resource: its properties one by one, and its fields matched by name
 * (added, removed, or changed with the attributes that differ).
 */
public record ResourceDiff(int changes, List<Change> properties, List<FieldChange> fields) {

    public record Change(String property, Object before, Object after) {}

    public record FieldChange(String name, String kind, List<Change> attributes) {}

    private static final Map<String, Function<ResourceVersion.Snapshot, Object>> PROPERTIES = new LinkedHashMap<>();
    private static final Map<String, Function<FieldSpec, Object>> FIELD_ATTRIBUTES = new LinkedHashMap<>();

    static {
        PROPERTIES.put("status", ResourceVersion.Snapshot::status);
        PROPERTIES.put("name", s -> s.metadata().name());
        PROPERTIES.put("providerCode", s -> s.metadata().providerCode());
        PROPERTIES.put("summary", s -> s.metadata().summary());
        PROPERTIES.put("resourceType", s -> s.metadata().resourceType());
        PROPERTIES.put("theme", s -> s.metadata().theme());
        PROPERTIES.put("format", s -> s.metadata().format());
        PROPERTIES.put("shareType", s -> s.metadata().shareType());
        PROPERTIES.put("shareCondition", s -> s.metadata().shareCondition());
        PROPERTIES.put("shareMethods", s -> s.metadata().shareMethods().stream().map(Enum::name).sorted().toList());
        PROPERTIES.put("openType", s -> s.metadata().openType());
        PROPERTIES.put("openCondition", s -> s.metadata().openCondition());
        PROPERTIES.put("updateCycle", s -> s.metadata().updateCycle());
        PROPERTIES.put("releaseDate", s -> s.metadata().releaseDate());
        PROPERTIES.put("regionCode", s -> s.metadata().regionCode());
        PROPERTIES.put("tags", s -> s.metadata().tags());
        PROPERTIES.put("related", s -> s.metadata().related());
        FIELD_ATTRIBUTES.put("label", FieldSpec::label);
        FIELD_ATTRIBUTES.put("type", FieldSpec::type);
        FIELD_ATTRIBUTES.put("length", FieldSpec::length);
        FIELD_ATTRIBUTES.put("description", FieldSpec::description);
        FIELD_ATTRIBUTES.put("sensitivity", FieldSpec::sensitivity);
        FIELD_ATTRIBUTES.put("key", FieldSpec::key);
    }

    public static ResourceDiff between(ResourceVersion.Snapshot a, ResourceVersion.Snapshot b) {
        var properties = new ArrayList<Change>();
        PROPERTIES.forEach((name, get) -> {
            Object before = get.apply(a), after = get.apply(b);
            if (!Objects.equals(before, after)) properties.add(new Change(name, before, after));
        });
        var fields = new ArrayList<FieldChange>();
        var before = byName(a.metadata().fields());
        var after = byName(b.metadata().fields());
        before.forEach((name, f) -> {
            var g = after.get(name);
            if (g == null) {
                fields.add(new FieldChange(name, "REMOVED", List.of()));
                return;
            }
            var attributes = new ArrayList<Change>();
            FIELD_ATTRIBUTES.forEach((attr, get) -> {
                if (!Objects.equals(get.apply(f), get.apply(g))) attributes.add(new Change(attr, get.apply(f), get.apply(g)));
            });
            if (!attributes.isEmpty()) fields.add(new FieldChange(name, "CHANGED", attributes));
        });
        after.keySet().stream().filter(n -> !before.containsKey(n))
                .forEach(n -> fields.add(new FieldChange(n, "ADDED", List.of())));
        return new ResourceDiff(properties.size() + fields.size(), properties, fields);
    }

    private static Map<String, FieldSpec> byName(List<FieldSpec> fields) {
        var map = new LinkedHashMap<String, FieldSpec>();
        fields.forEach(f -> map.put(f.name(), f));
        return map;
    }
}
