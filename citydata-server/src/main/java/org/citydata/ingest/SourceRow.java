package org.citydata.ingest;

import java.util.List;

/** One row as a source gives it: where it starts (line of the file) and its raw values, in column order. */
public record SourceRow(long line, List<String> values) {}
