package org.citydata.audit;

import java.util.List;

/**
 * One read of row-level data, or one refused attempt (留痕): who (the acting user or application, its department, the
 * end user it acted for), what (resource, its provider department, version, fields, the key or filter, rows returned),
 * why (purpose, grant), the request id and the outcome. {@code providerId} is the department whose data was read, as
 * it was at the time (null when the resource is unknown), so that department can see who read it. {@code subjects} are the resident IDs and credit codes of the rows returned; the log
 * keeps only their keyed hashes, so a person can find the reads of their record without the log holding their ID.
 */
public record AccessRecord(
        String actor,
        long departmentId,
        Long applicationId,
        String endUser,
        Channel channel,
        Action action,
        String resourceCode,
        Long providerId,
        Integer version,
        List<String> fields,
        String criteria,
        Long rows,
        String purpose,
        Long grantId,
        String requestId,
        Outcome outcome,
        String problemCode,
        List<String> subjects) {

    /** Where the read came in. */
    public enum Channel { CONSOLE, API, EXCHANGE, OPEN, MARKET, PLATFORM }

    /** What kind of read: a page, a key lookup, a whole download (recorded when it starts and when it ends), a change feed. */
    public enum Action { READ, LOOKUP, EXPORT, EXPORT_END, CHANGES, COMPARE, SCAN }

    public enum Outcome { ALLOWED, DENIED }

    public AccessRecord {
        fields = fields == null ? List.of() : List.copyOf(fields);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }
}
