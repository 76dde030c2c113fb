package org.citydata.opendata.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.SearchResult;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;

/**
 * A dataset the open API's search found: the catalog's hit without what concerns only government, its terms of sharing
 * between departments and its catalog status (every dataset the public finds is published).
 */
record DatasetHit(String code, String name, String summary, String providerCode, Theme theme, OpenType openType,
                  DataFormat format, UpdateCycle updateCycle, List<String> tags, OffsetDateTime updatedAt) {

    static DatasetHit of(SearchResult.Hit h) {
        return new DatasetHit(h.code(), h.name(), h.summary(), h.providerCode(), h.theme(), h.openType(), h.format(),
                h.updateCycle(), h.tags(), h.updatedAt());
    }
}
