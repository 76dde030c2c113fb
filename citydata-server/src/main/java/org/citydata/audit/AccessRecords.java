package org.citydata.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.audit.internal.RecordRows;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reading the access log. The bureau and auditors see every record; a department's data officers and administrators
 * see the reads their department made and the reads of its resources; nobody else sees any.
 */
@Service
public class AccessRecords {

    private static final int MAX_PAGE = 200;

    private final JdbcClient db;
    private final AccessPolicy policy;
    private final Departments departments;

    AccessRecords(JdbcClient db, AccessPolicy policy, Departments departments) {
        this.db = db;
        this.policy = policy;
        this.departments = departments;
    }

    /** Whether the actor may see any records at all (and so the log's pages). */
    public boolean canBrowse(Actor actor) {
        return policy.canSeeAccessRecordsOf(actor, actor.departmentId());
    }

    public Result<RecordPage> find(Actor actor, RecordFilter filter, int page, int size) {
        if (!canBrowse(actor)) return AccessPolicy.denied("access records");
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (!policy.canSeeAllDepartments(actor)) {
            where.add("(department_id = ? or provider_id = ?)");
            params.add(actor.departmentId());
            params.add(actor.departmentId());
        }
        if (filter.department() != null) {
            var department = departments.findByCode(filter.department());
            if (department.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_DEPARTMENT_NOT_FOUND", filter.department()));
            where.add("(department_id = ? or provider_id = ?)");
            params.add(department.get().id());
            params.add(department.get().id());
        }
        if (filter.resource() != null) {
            where.add("resource_code = ?");
            params.add(filter.resource());
        }
        if (filter.actor() != null) {
            where.add("actor = ?");
            params.add(filter.actor());
        }
        if (filter.outcome() != null) {
            where.add("outcome = ?");
            params.add(filter.outcome().name());
        }
        if (filter.from() != null) {
            where.add("at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.add("at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        int safeSize = Math.min(Math.max(size, 1), MAX_PAGE);
        int safePage = Math.max(page, 0);
        params.add(safeSize + 1); // one more than asked: whether there is a next page, without counting them all
        params.add((long) safePage * safeSize);
        var seqs = db.sql("select seq from audit_record" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by seq desc limit ? offset ?")
                .params(params).query(Long.class).list();
        boolean hasNext = seqs.size() > safeSize;
        var shown = hasNext ? seqs.subList(0, safeSize) : seqs;
        return Result.ok(new RecordPage(load(shown), safePage, safeSize, hasNext));
    }

    /**
     * 数据查询留痕: the records of reads (and refused attempts) that concern a person or company, by the keyed hash of
     * their resident ID or credit code, newest first. The caller must have established who the subject is.
     */
    public RecordPage concerning(String subjectHash, int page, int size) {
        int safeSize = Math.min(Math.max(size, 1), MAX_PAGE);
        int safePage = Math.max(page, 0);
        var seqs = db.sql("select seq from audit_subject where subject_hash = ? order by seq desc limit ? offset ?")
                .params(java.util.HexFormat.of().parseHex(subjectHash), safeSize + 1, (long) safePage * safeSize)
                .query(Long.class).list();
        boolean hasNext = seqs.size() > safeSize;
        return new RecordPage(load(hasNext ? seqs.subList(0, safeSize) : seqs), safePage, safeSize, hasNext);
    }

    /** One record that concerns the subject; to them, no other record exists. */
    public Result<LoggedRecord> concerning(String subjectHash, long seq) {
        var found = load(List.of(seq));
        if (found.isEmpty() || !found.get(0).subjectHashes().contains(subjectHash))
            return Result.failure(Problem.notFound("AUDIT_RECORD_NOT_FOUND", String.valueOf(seq)));
        return Result.ok(found.get(0));
    }

    /** One record, to those who may see it; to others in the log's readers it does not exist. */
    public Result<LoggedRecord> get(Actor actor, long seq) {
        if (!canBrowse(actor)) return AccessPolicy.denied("access records");
        var found = load(List.of(seq));
        if (found.isEmpty() || !visible(actor, found.get(0))) return Result.failure(Problem.notFound("AUDIT_RECORD_NOT_FOUND", String.valueOf(seq)));
        return Result.ok(found.get(0));
    }

    private boolean visible(Actor actor, LoggedRecord r) {
        return policy.canSeeAllDepartments(actor) || r.departmentId() == actor.departmentId()
                || r.providerId() != null && r.providerId() == actor.departmentId();
    }

    /** The records, in the order given. */
    private List<LoggedRecord> load(List<Long> seqs) {
        if (seqs.isEmpty()) return List.of();
        Map<Long, List<String>> subjects = RecordRows.subjects(db, seqs);
        var bySeq = new java.util.HashMap<Long, LoggedRecord>();
        db.sql("select " + RecordRows.COLUMNS + " from audit_record where seq = any(?)").param(seqs.toArray(Long[]::new))
                .query(rs -> {
                    long seq = rs.getLong("seq");
                    bySeq.put(seq, RecordRows.map(rs, subjects.getOrDefault(seq, List.of())));
                });
        return seqs.stream().filter(bySeq::containsKey).map(bySeq::get).toList();
    }
}
