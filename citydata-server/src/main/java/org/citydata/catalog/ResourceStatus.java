package org.citydata.catalog;

/** A resource's life: 草稿 → 已发布 → 已废止. Labels: {@code enum.ResourceStatus.*} in the message bundles. */
public enum ResourceStatus {
    DRAFT, PUBLISHED, RETIRED
}
