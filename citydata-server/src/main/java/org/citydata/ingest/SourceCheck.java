package org.citydata.ingest;

import java.util.List;

/**
 * What testing a source found: whether it answered, the columns it offers and a few rows, and whether those columns
 * fit the catalog's fields (with the source's mapping); when it did not answer, the problem code and its arguments.
 */
public record SourceCheck(boolean reachable, List<String> columns, List<List<String>> sample, boolean columnsMatch,
                          String problemCode, List<String> problemArgs, String message) {}
