package org.citydata.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One page of hits with the facet counts of the whole result (each facet counted as if it were not selected). */
public record SearchResult(long total, int page, int size, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    public record Hit(String code, String name, String summary, String providerCode, Theme theme, ShareType shareType,
                      OpenType openType, DataFormat format, UpdateCycle updateCycle, ResourceStatus status,
                      List<String> tags, OffsetDateTime updatedAt) {}

    public record FacetCount(String value, long count, boolean selected) {}
}
