package org.citydata.audit;

import java.time.Instant;
import java.util.List;
import org.citydata.audit.AccessRecord.Action;
import org.citydata.audit.AccessRecord.Channel;
import org.citydata.audit.AccessRecord.Outcome;

/**
 * An {@link AccessRecord} as the log keeps it: its sequence number (the Merkle leaf index), the time the log took it,
 * the keyed hashes of its subjects instead of the subjects (lower-case hex, sorted, each once) and its leaf hash (hex).
 * The leaf is a canonical serialisation of every other component (see {@code internal.Leaf}).
 */
public record LoggedRecord(
        long seq,
        Instant at,
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
        List<String> subjectHashes,
        String leafHash) {

    public LoggedRecord {
        fields = fields == null ? List.of() : List.copyOf(fields);
        subjectHashes = subjectHashes == null ? List.of() : List.copyOf(subjectHashes);
    }

    /** The record the log takes at {@code seq} and {@code at}, before its leaf hash is known. */
    public static LoggedRecord of(long seq, Instant at, AccessRecord r, List<String> subjectHashes) {
        return new LoggedRecord(seq, at, r.actor(), r.departmentId(), r.applicationId(), r.endUser(), r.channel(), r.action(),
                r.resourceCode(), r.providerId(), r.version(), r.fields(), r.criteria(), r.rows(), r.purpose(), r.grantId(),
                r.requestId(), r.outcome(), r.problemCode(), subjectHashes, null);
    }

    public LoggedRecord withLeafHash(String hex) {
        return new LoggedRecord(seq, at, actor, departmentId, applicationId, endUser, channel, action, resourceCode, providerId,
                version, fields, criteria, rows, purpose, grantId, requestId, outcome, problemCode, subjectHashes, hex);
    }
}
