package org.citydata.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.opendata.internal.SubmissionThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 数据需求: anyone asks for data that is not open, addressed to a department or to the bureau, which routes it; the
 * department's officers (or the bureau) answer in public: planned, opened (naming the dataset) or declined with the
 * reason. The asker's e-mail is kept for notice only and never shown.
 */
@Service
public class DataRequests {

    public enum State { OPEN, ANSWERED }

    public enum Outcome { PLANNED, OPENED, DECLINED }

    /** A request as the public sees it: the answering department by its code; who answered stays in the table. */
    public record DataRequest(long id, String title, String description, String requesterName, String departmentCode,
                              State state, Outcome outcome, String answer, String datasetCode, OffsetDateTime answeredAt,
                              OffsetDateTime createdAt) {}

    public record RequestForm(String title, String description, String requesterName, String requesterEmail, String departmentCode) {}

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String SELECT = """
            select r.id, r.title, r.description, r.requester_name, d.code, r.state, r.outcome, r.answer, r.dataset_code,
                   r.answered_at, r.created_at, r.department_id
            from opendata_request r left join identity_department d on d.id = r.department_id""";

    private final JdbcClient db;
    private final Departments departments;
    private final Openings openings;
    private final AccessPolicy policy;
    private final SubmissionThrottle throttle;

    DataRequests(JdbcClient db, Departments departments, Openings openings, AccessPolicy policy,
                 @Value("${citydata.opendata.submissions-per-hour:10}") int perHour) {
        this.db = db;
        this.departments = departments;
        this.openings = openings;
        this.policy = policy;
        this.throttle = new SubmissionThrottle(perHour);
    }

    /**
     * Files a request. {@code client} is who sent it (a developer, or the IP address) for the hourly limit
     * ({@code OPENDATA_TOO_MANY_SUBMISSIONS}); {@code OPENDATA_INVALID_REQUEST} names every field that is wrong.
     */
    @Transactional
    public Result<DataRequest> ask(RequestForm form, String client) {
        var violations = new ArrayList<Violation>();
        text(violations, "title", form.title(), 4, 100);
        text(violations, "description", form.description(), 10, 2000);
        text(violations, "requesterName", form.requesterName(), 1, 50);
        String email = blankToNull(form.requesterEmail());
        if (email != null && (email.length() > 120 || !EMAIL.matcher(email).matches())) violations.add(Violation.of("requesterEmail", "email"));
        Long department = null;
        if (blankToNull(form.departmentCode()) != null) {
            var found = departments.findByCode(form.departmentCode().strip());
            if (found.isEmpty()) violations.add(Violation.of("departmentCode", "opendata.unknown_department", form.departmentCode()));
            else department = found.get().id();
        }
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_REQUEST", violations));
        if (!throttle.admit(client)) return Result.failure(Problem.of(Problem.Kind.TOO_MANY, "OPENDATA_TOO_MANY_SUBMISSIONS", throttle.perHour()));
        long id = db.sql("""
                        insert into opendata_request (title, description, requester_name, requester_email, department_id)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(form.title().strip(), form.description().strip(), form.requesterName().strip(), email, department)
                .query(Long.class).single();
        return Result.ok(load(id).orElseThrow());
    }

    /** Requests newest first, optionally of one state; 20 a page. */
    public List<DataRequest> list(State state, int page) {
        return db.sql(SELECT + (state == null ? "" : " where r.state = '" + state.name() + "'") + " order by r.id desc limit 20 offset ?")
                .param(Math.max(page, 0) * 20L).query(this::request).list();
    }

    /** The requests an officer may answer: those addressed to their department; for the bureau, all. */
    public List<DataRequest> toAnswer(Actor actor) {
        if (policy.canReviewOpenings(actor)) return db.sql(SELECT + " order by r.state, r.id desc limit 200").query(this::request).list();
        return db.sql(SELECT + " where r.department_id = ? order by r.state, r.id desc limit 200").param(actor.departmentId())
                .query(this::request).list();
    }

    public Result<DataRequest> get(long id) {
        return load(id).map(Result::ok).orElseGet(() -> Result.failure(Problem.notFound("OPENDATA_REQUEST_NOT_FOUND", id)));
    }

    /**
     * The public answer, by an officer of the department addressed or by the bureau (which may also answer requests
     * nobody was named for). {@code OPENED} names a published dataset; every outcome needs its text.
     */
    @Transactional
    public Result<DataRequest> answer(Actor actor, long id, Outcome outcome, String answer, String datasetCode) {
        var found = db.sql(SELECT + " where r.id = ? for update of r").param(id).query(this::request).optional();
        if (found.isEmpty()) return Result.failure(Problem.notFound("OPENDATA_REQUEST_NOT_FOUND", id));
        var department = found.get().departmentCode() == null ? null : departments.findByCode(found.get().departmentCode()).map(Department::id).orElse(null);
        boolean allowed = policy.canReviewOpenings(actor) || department != null && policy.canProposeOpeningsOf(actor, department);
        if (!allowed) return AccessPolicy.denied("data request " + id);
        var violations = new ArrayList<Violation>();
        if (outcome == null) violations.add(Violation.of("outcome", "required"));
        text(violations, "answer", answer, 2, 2000);
        String dataset = blankToNull(datasetCode);
        if (outcome == Outcome.OPENED && (dataset == null || openings.published(dataset).isEmpty()))
            violations.add(Violation.of("datasetCode", "opendata.not_published", dataset == null ? "" : dataset));
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_ANSWER", violations));
        db.sql("""
                        update opendata_request set state = 'ANSWERED', outcome = ?, answer = ?, dataset_code = ?, answered_by = ?,
                            answered_at = now() where id = ?""")
                .params(outcome.name(), answer.strip(), outcome == Outcome.OPENED ? dataset : null, actor.signature(), id).update();
        return Result.ok(load(id).orElseThrow());
    }

    /** The bureau addresses an open request to the department that holds the data. */
    @Transactional
    public Result<DataRequest> route(Actor actor, long id, String departmentCode) {
        if (!policy.canReviewOpenings(actor)) return AccessPolicy.denied("data request " + id);
        var department = departments.findByCode(departmentCode == null ? "" : departmentCode.strip());
        if (department.isEmpty())
            return Result.failure(Problem.invalid("OPENDATA_INVALID_ANSWER", List.of(Violation.of("departmentCode", "opendata.unknown_department", departmentCode))));
        int changed = db.sql("update opendata_request set department_id = ? where id = ?").params(department.get().id(), id).update();
        if (changed == 0) return Result.failure(Problem.notFound("OPENDATA_REQUEST_NOT_FOUND", id));
        return Result.ok(load(id).orElseThrow());
    }

    private java.util.Optional<DataRequest> load(long id) {
        return db.sql(SELECT + " where r.id = ?").param(id).query(this::request).optional();
    }

    private DataRequest request(ResultSet rs, int n) throws SQLException {
        return new DataRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                State.valueOf(rs.getString(6)), rs.getString(7) == null ? null : Outcome.valueOf(rs.getString(7)), rs.getString(8),
                rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class));
    }

    static void text(List<Violation> violations, String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) violations.add(Violation.of(field, "required"));
        else if (v.length() < min) violations.add(Violation.of(field, "opendata.too_short", min));
        else if (v.length() > max) violations.add(Violation.of(field, "too_long", max));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
