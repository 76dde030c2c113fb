package org.citydata.ingest;

/** Where a source's rows come from: files the department uploads, its database, or its JSON API. */
public enum SourceKind {
    FILE, JDBC, HTTP
}
