package org.citydata.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.citydata.audit.LoggedRecord;
import org.citydata.kernel.audit.MerkleHash;

/**
 * The leaf of a record: the bytes its Merkle leaf hash is taken over. Version 1 is canonical JSON in UTF-8, with the
 * keys always present and always in this order, no white space:
 *
 * <pre>{"v":1,"seq":…,"at":"…","actor":…,"departmentId":…,"applicationId":…,"endUser":…,"channel":…,"action":…,
 * "resourceCode":…,"providerId":…,"version":…,"fields":[…],"criteria":…,"rows":…,"purpose":…,"grantId":…,
 * "requestId":…,"outcome":…,"problemCode":…,"subjects":[…]}</pre>
 *
 * Numbers are decimal integers; an absent value is {@code null}; {@code at} is UTC with exactly six fractional digits
 * ({@code 2026-11-21T02:03:04.123456Z}); strings escape only {@code "}, {@code \} (as {@code \"}, {@code \\}) and
 * U+0000–U+001F (as {@code \}{@code u00xx}, lower-case hex), everything else is written as itself; {@code fields} keep
 * the order read, {@code subjects} are the subject hashes in lower-case hex, sorted. Anyone with the stored fields can
 * rebuild the bytes (docs/decisions/2026-11-21-audit-log.md), so a changed field changes the leaf hash.
 */
public final class Leaf {

    public static final int VERSION = 1;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Leaf() {}

    public static byte[] bytes(LoggedRecord r) {
        var j = new StringBuilder(512);
        j.append("{\"v\":").append(VERSION);
        j.append(",\"seq\":").append(r.seq());
        j.append(",\"at\":"); string(j, AT.format(r.at()));
        j.append(",\"actor\":"); string(j, r.actor());
        j.append(",\"departmentId\":").append(r.departmentId());
        j.append(",\"applicationId\":").append(r.applicationId());
        j.append(",\"endUser\":"); string(j, r.endUser());
        j.append(",\"channel\":"); string(j, r.channel() == null ? null : r.channel().name());
        j.append(",\"action\":"); string(j, r.action() == null ? null : r.action().name());
        j.append(",\"resourceCode\":"); string(j, r.resourceCode());
        j.append(",\"providerId\":").append(r.providerId());
        j.append(",\"version\":").append(r.version());
        j.append(",\"fields\":"); strings(j, r.fields());
        j.append(",\"criteria\":"); string(j, r.criteria());
        j.append(",\"rows\":").append(r.rows());
        j.append(",\"purpose\":"); string(j, r.purpose());
        j.append(",\"grantId\":").append(r.grantId());
        j.append(",\"requestId\":"); string(j, r.requestId());
        j.append(",\"outcome\":"); string(j, r.outcome() == null ? null : r.outcome().name());
        j.append(",\"problemCode\":"); string(j, r.problemCode());
        j.append(",\"subjects\":"); strings(j, r.subjectHashes());
        return j.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 6962 leaf hash of the record's leaf. */
    public static byte[] hash(LoggedRecord r) {
        return MerkleHash.leaf(bytes(r));
    }

    /** The record with every text {@link #storable(String)}: the log hashes what it stores. */
    public static LoggedRecord storable(LoggedRecord r) {
        return new LoggedRecord(r.seq(), r.at(), storable(r.actor()), r.departmentId(), r.applicationId(), storable(r.endUser()),
                r.channel(), r.action(), storable(r.resourceCode()), r.providerId(), r.version(),
                r.fields().stream().map(Leaf::storable).toList(), storable(r.criteria()), r.rows(), storable(r.purpose()),
                r.grantId(), storable(r.requestId()), r.outcome(), storable(r.problemCode()), r.subjectHashes(), r.leafHash());
    }

    /**
     * Text as PostgreSQL can store it and UTF-8 can carry it: NUL becomes U+FFFD and a lone surrogate {@code ?}, so the
     * stored text and the hashed text are the same characters.
     */
    public static String storable(String s) {
        if (s == null) return null;
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            char c = s.charAt(i);
            clean = c != 0 && !Character.isSurrogate(c);
        }
        if (clean) return s;
        return new String(s.replace('\u0000', '\uFFFD').getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static void strings(StringBuilder j, List<String> values) {
        j.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) j.append(',');
            string(j, values.get(i));
        }
        j.append(']');
    }

    private static void string(StringBuilder j, String s) {
        if (s == null) {
            j.append("null");
            return;
        }
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') j.append('\\').append(c);
            else if (c < 0x20) j.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            else j.append(c);
        }
        j.append('"');
    }
}
