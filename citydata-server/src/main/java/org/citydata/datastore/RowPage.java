package org.citydata.datastore;

import java.util.List;

/** A page of rows read through the access path: the version read, the fields in order, the rows, the total. */
public record RowPage(int version, List<String> fields, List<List<Object>> rows, long total, int page, int size) {}
