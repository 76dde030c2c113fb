package org.citydata.datastore;

import java.util.List;

/** One combination of field values (as text, masked as the read's terms say; null for empty) and how many rows have it. */
public record ValueGroup(List<String> values, long rows) {}
