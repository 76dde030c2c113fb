package org.citydata.audit;

import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Appends access records. A record is durably stored when {@link #append} answers; when it cannot be stored the
 * answer is {@code AUDIT_UNAVAILABLE} and the caller must not hand out the rows (fail closed).
 */
@Service
public class AccessLog {

    private final JdbcClient db;

    AccessLog(JdbcClient db) {
        this.db = db;
    }

    /** Stores the record; answers its sequence number in the log. */
    public Result<Long> append(AccessRecord r) {
        try {
            return Result.ok(db.sql("""
                    insert into audit_record (actor, department_id, application_id, end_user, channel, action, resource_code,
                        version, fields, criteria, row_count, purpose, grant_id, request_id, outcome, problem_code)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?) returning seq""")
                    .params(r.actor(), r.departmentId(), r.applicationId(), r.endUser(), r.channel().name(), r.action().name(),
                            r.resourceCode(), r.version(), "{" + String.join(",", r.fields()) + "}", r.criteria(), r.rows(),
                            r.purpose(), r.grantId(), r.requestId(), r.outcome().name(), r.problemCode())
                    .query(Long.class).single());
        } catch (RuntimeException e) {
            return Result.failure(Problem.of(Problem.Kind.UNAVAILABLE, "AUDIT_UNAVAILABLE"));
        }
    }
}
