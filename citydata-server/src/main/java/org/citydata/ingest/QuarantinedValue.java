package org.citydata.ingest;

/** A value kept out of the datastore: where it was (line of the source, field), what it was, and why. */
public record QuarantinedValue(long line, String field, String value, String reason) {}
