package org.citydata.audit;

import java.util.List;

/** A page of records, newest first. */
public record RecordPage(List<LoggedRecord> records, int page, int size, boolean hasNext) {}
