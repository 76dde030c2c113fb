package org.citydata.opendata;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;

/**
 * An opened resource as the public sees it: the catalog's description, the opening's terms, and the data dictionary of
 * the opened fields only, each with the masking readers get. {@code version}, {@code rows} and {@code dataUpdatedAt}
 * describe the current data (null before any).
 */
public record OpenDataset(String code, String name, String summary, String providerCode, String providerName,
                          Theme theme, DataFormat format, UpdateCycle updateCycle, OpenType openType, String openCondition,
                          Licence licence, List<String> tags, LocalDate releaseDate, List<Field> fields, Integer version,
                          Long rows, OffsetDateTime dataUpdatedAt, OffsetDateTime publishedAt, OffsetDateTime metadataUpdatedAt) {

    public record Field(String name, String label, FieldType type, String description, String masking) {}
}
