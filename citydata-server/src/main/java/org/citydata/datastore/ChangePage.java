package org.citydata.datastore;

import java.util.List;

/**
 * A page of the change feed from version {@code since} to {@code version}: each change is {@code upsert} (the row's
 * values in {@code fields} order) or {@code delete} (only the key fields filled). {@code more} says another page follows.
 */
public record ChangePage(int since, int version, List<String> fields, List<Change> changes, boolean more) {

    public record Change(String op, List<Object> values) {}
}
