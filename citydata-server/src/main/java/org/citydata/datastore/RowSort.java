package org.citydata.datastore;

/** One key of a {@link RowQuery}'s order: a field, ascending unless {@code descending}. */
public record RowSort(String field, boolean descending) {}
