package org.citydata.catalog;

import java.time.OffsetDateTime;

/** One kept version of a resource's metadata: the whole entry as it stood after {@code action} by {@code changedBy}. */
public record ResourceVersion(int version, String changedBy, OffsetDateTime changedAt, String action, Snapshot snapshot) {

    /** What is kept of each version: everything a person can change, plus status and code. */
    public record Snapshot(String code, ResourceStatus status, ResourceDraft metadata) {}
}
