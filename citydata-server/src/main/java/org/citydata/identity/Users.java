package org.citydata.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People and their roles. Passwords are stored only as bcrypt hashes. */
@Service
public class Users {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_]{2,31}");
    private static final String COLUMNS = "id, username, display_name, department_id, roles, enabled, created_at";

    private final JdbcClient db;
    private final AccessPolicy policy;
    private final Departments departments;
    private final PasswordEncoder passwords;

    Users(JdbcClient db, AccessPolicy policy, Departments departments, PasswordEncoder passwords) {
        this.db = db;
        this.policy = policy;
        this.departments = departments;
        this.passwords = passwords;
    }

    /** The users this actor may see: all for the bureau and auditors, else the actor's own department. */
    public List<User> visibleTo(Actor actor) {
        if (policy.canSeeAllDepartments(actor))
            return db.sql("select " + COLUMNS + " from identity_user order by department_id, username").query(Users::map).list();
        return db.sql("select " + COLUMNS + " from identity_user where department_id = ? order by username")
                .param(actor.departmentId()).query(Users::map).list();
    }

    public Optional<User> find(String username) {
        return db.sql("select " + COLUMNS + " from identity_user where username = ?").param(username).query(Users::map).optional();
    }

    /** A user and the password hash to check at sign-in, in one query (it also runs on every session request). */
    public record Credentials(User user, String passwordHash) {}

    public Optional<Credentials> credentials(String username) {
        return db.sql("select " + COLUMNS + ", password_hash from identity_user where username = ?").param(username)
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
    }

    public boolean anyWithRole(Role role) {
        return db.sql("select exists(select 1 from identity_user where ? = any(roles) and enabled)")
                .param(role.name()).query(Boolean.class).single();
    }

    @Transactional
    public Result<User> create(Actor actor, UserForm form) {
        var v = new ArrayList<Violation>();
        if (form.username() == null || !USERNAME.matcher(form.username()).matches()) v.add(Violation.of("username", "username"));
        var department = checkCommon(form, v);
        checkPassword(form.password(), v);
        if (!v.isEmpty()) return Result.failure(Problem.invalid("IDENTITY_INVALID_USER", v));
        var denied = checkAllowed(actor, department.get().id(), roles(form));
        if (denied != null) return denied;
        if (find(form.username()).isPresent()) return Result.failure(Problem.conflict("IDENTITY_USER_EXISTS", form.username()));
        db.sql("""
                insert into identity_user (username, display_name, password_hash, department_id, roles, enabled)
                values (?, ?, ?, ?, ?::text[], ?)""")
                .params(form.username(), form.displayName().strip(), passwords.encode(form.password()),
                        department.get().id(), roleArray(roles(form)), form.enabled() == null || form.enabled())
                .update();
        return Result.ok(find(form.username()).orElseThrow());
    }

    @Transactional
    public Result<User> update(Actor actor, String username, UserForm form) {
        var existing = find(username);
        if (existing.isEmpty()) return Result.failure(Problem.notFound("IDENTITY_USER_NOT_FOUND", username));
        if (!policy.canManageMembersOf(actor, existing.get().departmentId())) return AccessPolicy.denied("users");
        // a department administrator cannot demote, disable or re-password a holder of the bureau's roles
        for (Role held : existing.get().roles()) if (!policy.canGrantRole(actor, held)) return AccessPolicy.denied("users");
        var v = new ArrayList<Violation>();
        var department = checkCommon(form, v);
        if (form.password() != null && !form.password().isEmpty()) checkPassword(form.password(), v);
        if (!v.isEmpty()) return Result.failure(Problem.invalid("IDENTITY_INVALID_USER", v));
        var denied = checkAllowed(actor, department.get().id(), roles(form));
        if (denied != null) return denied;
        boolean enabled = form.enabled() == null || form.enabled();
        if (actor.kind() == Actor.Kind.USER && actor.id() == existing.get().id()
                && (!enabled || !roles(form).containsAll(existing.get().roles())))
            return Result.failure(Problem.conflict("IDENTITY_SELF_LOCKOUT")); // nobody removes their own access by mistake
        db.sql("update identity_user set display_name = ?, department_id = ?, roles = ?::text[], enabled = ? where id = ?")
                .params(form.displayName().strip(), department.get().id(), roleArray(roles(form)), enabled, existing.get().id())
                .update();
        if (form.password() != null && !form.password().isEmpty())
            db.sql("update identity_user set password_hash = ? where id = ?")
                    .params(passwords.encode(form.password()), existing.get().id()).update();
        return Result.ok(find(username).orElseThrow());
    }

    private Optional<Department> checkCommon(UserForm form, List<Violation> v) {
        if (form.displayName() == null || form.displayName().isBlank()) v.add(Violation.of("displayName", "required"));
        else if (form.displayName().strip().length() > 50) v.add(Violation.of("displayName", "too_long", 50));
        var department = form.departmentCode() == null ? Optional.<Department>empty() : departments.findByCode(form.departmentCode());
        if (department.isEmpty()) v.add(Violation.of("departmentCode", "department.unknown", String.valueOf(form.departmentCode())));
        return department;
    }

    private Result<User> checkAllowed(Actor actor, long departmentId, Set<Role> roles) {
        if (!policy.canManageMembersOf(actor, departmentId)) return AccessPolicy.denied("users");
        for (Role role : roles) if (!policy.canGrantRole(actor, role)) return AccessPolicy.denied("role " + role);
        return null;
    }

    /** At least 8 characters with a letter and a digit: the floor of most government password rules. */
    static void checkPassword(String password, List<Violation> v) {
        if (password == null || password.length() < 8 || password.length() > 72
                || !password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit))
            v.add(Violation.of("password", "password"));
    }

    private static Set<Role> roles(UserForm form) {
        return form.roles() == null ? Set.of() : form.roles();
    }

    private static String roleArray(Set<Role> roles) {
        return "{" + String.join(",", roles.stream().map(Role::name).sorted().toList()) + "}";
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getLong("department_id"), roles(rs.getArray("roles")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    static Set<Role> roles(Array array) throws SQLException {
        var set = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(set::add);
        return set;
    }
}
