package org.citydata.datastore;

/** Published when a load makes a new version the one readers see (after the transaction that switched to it commits). */
public record DatasetVersionCommitted(long resourceId, long versionId, int version) {}
