package org.citydata.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.LoggedRecord;
import org.citydata.kernel.audit.MerkleHash;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reading records back from {@code audit_record} and {@code audit_subject}. */
public final class RecordRows {

    public static final String COLUMNS = """
            seq, at, actor, department_id, application_id, end_user, channel, action, resource_code, provider_id, version,
            fields, criteria, row_count, purpose, grant_id, request_id, outcome, problem_code, leaf_hash""";

    private RecordRows() {}

    /** A row as a record, with the subject hashes given; fails on a value no writer could have stored. */
    public static LoggedRecord map(ResultSet rs, List<String> subjectHashes) throws SQLException {
        var fields = rs.getArray("fields");
        return new LoggedRecord(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getLong("department_id"), rs.getObject("application_id", Long.class), rs.getString("end_user"),
                AccessRecord.Channel.valueOf(rs.getString("channel")), AccessRecord.Action.valueOf(rs.getString("action")),
                rs.getString("resource_code"), rs.getObject("provider_id", Long.class), rs.getObject("version", Integer.class),
                fields == null ? List.of() : List.of((String[]) fields.getArray()), rs.getString("criteria"),
                rs.getObject("row_count", Long.class), rs.getString("purpose"), rs.getObject("grant_id", Long.class),
                rs.getString("request_id"), AccessRecord.Outcome.valueOf(rs.getString("outcome")), rs.getString("problem_code"),
                subjectHashes, MerkleHash.hex(rs.getBytes("leaf_hash")));
    }

    /** The subject hashes of the records with {@code from <= seq < to}, each list sorted as the leaf has them. */
    public static Map<Long, List<String>> subjects(JdbcClient db, long from, long to) {
        var bySeq = new HashMap<Long, List<String>>();
        db.sql("select seq, subject_hash from audit_subject where seq >= ? and seq < ? order by seq, subject_hash")
                .params(from, to)
                .query(rs -> {
                    bySeq.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(MerkleHash.hex(rs.getBytes(2)));
                });
        return bySeq;
    }

    /** The same for a set of records. */
    public static Map<Long, List<String>> subjects(JdbcClient db, List<Long> seqs) {
        var bySeq = new HashMap<Long, List<String>>();
        if (seqs.isEmpty()) return bySeq;
        db.sql("select seq, subject_hash from audit_subject where seq = any(?) order by seq, subject_hash")
                .param(seqs.toArray(Long[]::new))
                .query(rs -> {
                    bySeq.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(MerkleHash.hex(rs.getBytes(2)));
                });
        return bySeq;
    }
}
