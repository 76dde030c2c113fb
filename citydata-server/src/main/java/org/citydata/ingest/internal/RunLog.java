package org.citydata.ingest.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.citydata.ingest.IngestRun;
import org.citydata.ingest.QuarantinedValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs and their quarantine, written as the run goes (each statement commits on its own, so a crash keeps the record). */
@Repository
public class RunLog {

    private final JdbcClient db;

    RunLog(JdbcClient db) {
        this.db = db;
    }

    public long start(long resourceId, String source, String startedBy, Long bytesTotal) {
        return start(resourceId, null, source, startedBy, bytesTotal, "REPLACE");
    }

    public long start(long resourceId, Long sourceId, String source, String startedBy, Long bytesTotal, String mode) {
        return db.sql("""
                insert into ingest_run (resource_id, source_id, source, started_by, status, bytes_total, load_mode)
                values (?, ?, ?, ?, 'RUNNING', ?, ?) returning id""")
                .params(resourceId, sourceId, source, startedBy, bytesTotal, mode).query(Long.class).single();
    }

    /** The columns the source offered, kept so a failed match can be mapped by hand. */
    public void columns(long runId, List<String> columns) {
        db.sql("update ingest_run set columns = ? where id = ?")
                .params(columns.toArray(String[]::new), runId).update();
    }

    public void progress(long runId, long read, long rejected, long bytes) {
        db.sql("update ingest_run set rows_read = ?, rows_rejected = ?, bytes_read = ? where id = ? and status = 'RUNNING'")
                .params(read, rejected, bytes, runId).update();
    }

    public void detected(long runId, String encoding, String delimiter) {
        db.sql("update ingest_run set encoding = ?, delimiter = ? where id = ?").params(encoding, delimiter, runId).update();
    }

    public void finish(long runId, String status, long read, long loaded, long rejected, long bytes, Integer version,
                       String errorCode, List<String> errorArgs) {
        db.sql("""
                update ingest_run set status = ?, finished_at = now(), rows_read = ?, rows_loaded = ?, rows_rejected = ?,
                       bytes_read = ?, version = ?, error_code = ?, error_args = ?::text[] where id = ?""")
                .params(status, read, loaded, rejected, bytes, version, errorCode,
                        errorArgs == null ? null : "{" + String.join(",", errorArgs.stream().map(a -> "\"" + a.replace("\"", "\\\"") + "\"").toList()) + "}",
                        runId)
                .update();
    }

    public void quarantine(long runId, List<QuarantinedValue> values) {
        if (values.isEmpty()) return;
        db.sql("insert into ingest_quarantine (run_id, line, field, value, reason) select ?, * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])")
                .params(runId, values.stream().map(QuarantinedValue::line).toArray(Long[]::new),
                        values.stream().map(QuarantinedValue::field).toArray(String[]::new),
                        values.stream().map(QuarantinedValue::value).toArray(String[]::new),
                        values.stream().map(QuarantinedValue::reason).toArray(String[]::new))
                .update();
    }

    public IngestRun get(long runId) {
        return db.sql("select * from ingest_run where id = ?").param(runId).query(RunLog::map).single();
    }

    public java.util.Optional<IngestRun> find(long runId) {
        return db.sql("select * from ingest_run where id = ?").param(runId).query(RunLog::map).optional();
    }

    public java.util.Optional<IngestRun> latestOfSource(long sourceId) {
        return db.sql("select * from ingest_run where source_id = ? order by id desc limit 1").param(sourceId).query(RunLog::map).optional();
    }

    public List<IngestRun> forResource(long resourceId) {
        return db.sql("select * from ingest_run where resource_id = ? order by id desc limit 100").param(resourceId).query(RunLog::map).list();
    }

    public List<QuarantinedValue> quarantined(long runId, int limit, long offset) {
        return db.sql("select line, field, value, reason from ingest_quarantine where run_id = ? order by line, field limit ? offset ?")
                .params(runId, limit, offset).query(QuarantinedValue.class).list();
    }

    private static IngestRun map(ResultSet rs, int n) throws SQLException {
        var args = rs.getArray("error_args");
        return new IngestRun(rs.getLong("id"), rs.getLong("resource_id"), rs.getString("source"), rs.getString("started_by"),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("status"), rs.getString("encoding"), rs.getString("delimiter"), rs.getLong("rows_read"),
                rs.getLong("rows_loaded"), rs.getLong("rows_rejected"), rs.getLong("bytes_read"),
                (Integer) rs.getObject("version"), rs.getString("error_code"),
                args == null ? List.of() : Arrays.asList((String[]) args.getArray()), (Long) rs.getObject("bytes_total"),
                (Long) rs.getObject("source_id"), rs.getString("load_mode"),
                rs.getArray("columns") == null ? List.of() : Arrays.asList((String[]) rs.getArray("columns").getArray()));
    }
}
