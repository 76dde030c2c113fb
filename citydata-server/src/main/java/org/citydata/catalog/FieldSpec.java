package org.citydata.catalog;

/** 信息项: one data item of a resource. {@code length} counts characters and matters for strings. */
public record FieldSpec(
        String name,
        String label,
        FieldType type,
        Integer length,
        String description,
        Sensitivity sensitivity,
        boolean key) {}
