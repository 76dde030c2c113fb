package org.citydata.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.id.ResourceCode;
import org.citydata.platform.cache.RecentReads;
import org.citydata.platform.cache.RecentValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organisation tree: read by every module, changed by the bureau. */
@Service
public class Departments {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,30}");
    private static final String COLUMNS =
            "id, code, parent_id, name_zh, name_en, contact_name, contact_phone, contact_email";

    private final JdbcClient db;
    private final AccessPolicy policy;
    /** Departments change seldom and every page and public answer names some: remembered for a moment. */
    private static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(30);
    private final RecentReads<Long, Department> recent = new RecentReads<>(REMEMBERED);
    private final RecentValue<List<Department>> everyone;

    Departments(JdbcClient db, AccessPolicy policy) {
        this.db = db;
        this.policy = policy;
        this.everyone = new RecentValue<>(REMEMBERED,
                () -> List.copyOf(db.sql("select " + COLUMNS + " from identity_department order by code").query(Department.class).list()));
    }

    public List<Department> all() {
        return everyone.get();
    }

    public Map<Long, Department> byId() {
        return all().stream().collect(Collectors.toMap(Department::id, Function.identity()));
    }

    public Optional<Department> find(long id) {
        return recent.get(id, key -> db.sql("select " + COLUMNS + " from identity_department where id = ?").param(key)
                .query(Department.class).optional());
    }

    public Optional<Department> findByCode(String code) {
        return db.sql("select " + COLUMNS + " from identity_department where code = ?").param(code)
                .query(Department.class).optional();
    }

    private void forget(long id) {
        recent.forget(id);
        everyone.forget();
    }

    /** The tree, each department with its depth, parents before children, siblings by code. */
    public List<TreeRow> tree() {
        var all = all();
        var children = all.stream().filter(d -> d.parentId() != null)
                .collect(Collectors.groupingBy(Department::parentId));
        var rows = new ArrayList<TreeRow>();
        all.stream().filter(d -> d.parentId() == null).forEach(root -> walk(root, 0, children, rows));
        return rows;
    }

    private void walk(Department d, int depth, Map<Long, List<Department>> children, List<TreeRow> rows) {
        rows.add(new TreeRow(d, depth));
        children.getOrDefault(d.id(), List.of()).forEach(c -> walk(c, depth + 1, children, rows));
    }

    public record TreeRow(Department department, int depth) {}

    @Transactional
    public Result<Department> create(Actor actor, DepartmentForm form) {
        if (!policy.canManageDepartments(actor)) return AccessPolicy.denied("departments");
        var violations = validate(form, null);
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("IDENTITY_INVALID_DEPARTMENT", violations));
        if (findByCode(form.code()).isPresent())
            return Result.failure(Problem.conflict("IDENTITY_DEPARTMENT_EXISTS", form.code()));
        Long parentId = parentId(form);
        long id = db.sql("""
                insert into identity_department (code, parent_id, name_zh, name_en, contact_name, contact_phone, contact_email)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(form.code(), parentId, form.nameZh().strip(), form.nameEn().strip(), blankToNull(form.contactName()),
                        blankToNull(form.contactPhone()), blankToNull(form.contactEmail()))
                .query(Long.class).single();
        everyone.forget();
        return Result.ok(find(id).orElseThrow());
    }

    /** The code never changes: resource codes already carry it. */
    @Transactional
    public Result<Department> update(Actor actor, String code, DepartmentForm form) {
        if (!policy.canManageDepartments(actor)) return AccessPolicy.denied("departments");
        var existing = findByCode(code);
        if (existing.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_DEPARTMENT_NOT_FOUND", code));
        var changed = new DepartmentForm(code, form.parentCode(), form.nameZh(), form.nameEn(), form.contactName(),
                form.contactPhone(), form.contactEmail());
        var violations = validate(changed, existing.get());
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("IDENTITY_INVALID_DEPARTMENT", violations));
        forget(existing.get().id());
        db.sql("""
                update identity_department set parent_id = ?, name_zh = ?, name_en = ?, contact_name = ?,
                       contact_phone = ?, contact_email = ? where id = ?""")
                .params(parentId(changed), changed.nameZh().strip(), changed.nameEn().strip(),
                        blankToNull(changed.contactName()), blankToNull(changed.contactPhone()),
                        blankToNull(changed.contactEmail()), existing.get().id())
                .update();
        return Result.ok(find(existing.get().id()).orElseThrow());
    }

    /** Only an empty department can go: no sub-departments, users or resources hang on it. */
    @Transactional
    public Result<Void> delete(Actor actor, String code) {
        if (!policy.canManageDepartments(actor)) return AccessPolicy.denied("departments");
        var existing = findByCode(code);
        if (existing.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_DEPARTMENT_NOT_FOUND", code));
        long id = existing.get().id();
        long children = db.sql("select count(*) from identity_department where parent_id = ?").param(id).query(Long.class).single();
        long users = db.sql("select count(*) from identity_user where department_id = ?").param(id).query(Long.class).single();
        if (children + users > 0) return Result.failure(Problem.conflict("IDENTITY_DEPARTMENT_IN_USE", code));
        try {
            forget(id);
            db.sql("delete from identity_department where id = ?").param(id).update();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // resources or tokens of other modules still point at it
            return Result.failure(Problem.conflict("IDENTITY_DEPARTMENT_IN_USE", code));
        }
        return Result.ok(null);
    }

    private Long parentId(DepartmentForm form) {
        return blank(form.parentCode()) ? null : findByCode(form.parentCode()).map(Department::id).orElseThrow();
    }

    private List<Violation> validate(DepartmentForm form, Department existing) {
        var v = new ArrayList<Violation>();
        if (!ResourceCode.isWellFormedProvider(form.code())) v.add(Violation.of("code", "department.code"));
        if (blank(form.nameZh())) v.add(Violation.of("nameZh", "required"));
        else if (form.nameZh().strip().length() > 100) v.add(Violation.of("nameZh", "too_long", 100));
        if (blank(form.nameEn())) v.add(Violation.of("nameEn", "required"));
        else if (form.nameEn().strip().length() > 200) v.add(Violation.of("nameEn", "too_long", 200));
        if (!blank(form.contactName()) && form.contactName().length() > 50) v.add(Violation.of("contactName", "too_long", 50));
        if (!blank(form.contactPhone()) && !PHONE.matcher(form.contactPhone()).matches())
            v.add(Violation.of("contactPhone", "phone"));
        if (!blank(form.contactEmail()) && !EMAIL.matcher(form.contactEmail()).matches())
            v.add(Violation.of("contactEmail", "email"));
        else if (!blank(form.contactEmail()) && form.contactEmail().strip().length() > 100)
            v.add(Violation.of("contactEmail", "too_long", 100));
        if (!blank(form.parentCode())) {
            var parent = findByCode(form.parentCode());
            if (parent.isEmpty()) v.add(Violation.of("parentCode", "department.unknown", form.parentCode()));
            else if (existing != null && isSelfOrDescendant(parent.get().id(), existing.id()))
                v.add(Violation.of("parentCode", "department.cycle"));
        } else if (existing == null && !all().isEmpty()) {
            v.add(Violation.of("parentCode", "required")); // one city, one root
        } else if (existing != null && existing.parentId() != null) {
            v.add(Violation.of("parentCode", "required"));
        }
        return v;
    }

    private boolean isSelfOrDescendant(long candidate, long ancestor) {
        var byId = byId();
        for (Long id = candidate; id != null; id = byId.get(id).parentId()) {
            if (Objects.equals(id, ancestor)) return true;
        }
        return false;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
