package org.citydata.identity.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentForm;
import org.citydata.identity.Departments;
import org.citydata.identity.UserForm;
import org.citydata.identity.Users;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.web.IdentityViews.DepartmentView;
import org.citydata.identity.web.IdentityViews.IssuedTokenView;
import org.citydata.identity.web.IdentityViews.Me;
import org.citydata.identity.web.IdentityViews.TokenView;
import org.citydata.identity.web.IdentityViews.UserView;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "identity", description = "Departments, users and API tokens (部门、用户与令牌)")
class IdentityApi {

    private final Departments departments;
    private final Users users;
    private final ApiTokens tokens;
    private final AccessPolicy policy;

    IdentityApi(Departments departments, Users users, ApiTokens tokens, AccessPolicy policy) {
        this.departments = departments;
        this.users = users;
        this.tokens = tokens;
        this.policy = policy;
    }

    @GetMapping("/me")
    @Operation(summary = "Who the caller is: a console user or a department application")
    Me me(Actor actor) {
        var dept = departments.find(actor.departmentId()).orElseThrow();
        return new Me(actor.kind().name(), actor.name(), actor.displayName(), dept.code(), actor.roles());
    }

    @GetMapping("/departments")
    @Operation(summary = "The organisation tree, parents before children")
    List<DepartmentView> departments(Actor actor) {
        var byId = departments.byId();
        return departments.tree().stream().map(r -> DepartmentView.of(r.department(), byId)).toList();
    }

    @GetMapping("/departments/{code}")
    DepartmentView department(Actor actor, @PathVariable String code) {
        var d = departments.findByCode(code)
                .orElseThrow(() -> new ProblemException(Problem.notFound("IDENTITY_DEPARTMENT_NOT_FOUND", code)));
        return DepartmentView.of(d, departments.byId());
    }

    @PostMapping("/departments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a department (platform administrators)")
    DepartmentView createDepartment(Actor actor, @RequestBody DepartmentForm form) {
        return DepartmentView.of(unwrap(departments.create(actor, form)), departments.byId());
    }

    @PutMapping("/departments/{code}")
    @Operation(summary = "Change a department's names, parent or contact; its code never changes")
    DepartmentView updateDepartment(Actor actor, @PathVariable String code, @RequestBody DepartmentForm form) {
        return DepartmentView.of(unwrap(departments.update(actor, code, form)), departments.byId());
    }

    @DeleteMapping("/departments/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an empty department (no sub-departments, users, tokens or resources)")
    void deleteDepartment(Actor actor, @PathVariable String code) {
        unwrap(departments.delete(actor, code));
    }

    @GetMapping("/users")
    @Operation(summary = "Users the caller may see: all for the bureau and auditors, else the caller's department")
    List<UserView> users(Actor actor) {
        var byId = departments.byId();
        return users.visibleTo(actor).stream().map(u -> UserView.of(u, byId)).toList();
    }

    @GetMapping("/users/{username}")
    UserView user(Actor actor, @PathVariable String username) {
        var user = users.find(username)
                .filter(u -> policy.canSeeAllDepartments(actor) || u.departmentId() == actor.departmentId())
                .orElseThrow(() -> new ProblemException(Problem.notFound("IDENTITY_USER_NOT_FOUND", username)));
        return UserView.of(user, departments.byId());
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user (platform administrators; department administrators for their department)")
    UserView createUser(Actor actor, @RequestBody UserForm form) {
        return UserView.of(unwrap(users.create(actor, form)), departments.byId());
    }

    @PutMapping("/users/{username}")
    @Operation(summary = "Change a user's name, department, roles, enabled flag or password (blank keeps it)")
    UserView updateUser(Actor actor, @PathVariable String username, @RequestBody UserForm form) {
        return UserView.of(unwrap(users.update(actor, username, form)), departments.byId());
    }

    @GetMapping("/tokens")
    @Operation(summary = "API tokens the caller may see; secrets are never listed")
    List<TokenView> tokens(Actor actor) {
        var byId = departments.byId();
        return tokens.visibleTo(actor).stream().map(t -> TokenView.of(t, byId)).toList();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a token for a department application; the secret is in this response only")
    IssuedTokenView issueToken(Actor actor, @RequestBody ApiTokens.TokenForm form) {
        var issued = unwrap(tokens.issue(actor, form));
        return new IssuedTokenView(TokenView.of(issued.token(), departments.byId()), issued.secret());
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke a token; it stops working on the next request")
    TokenView revokeToken(Actor actor, @PathVariable long id) {
        Result<org.citydata.identity.internal.ApiToken> revoked = tokens.revoke(actor, id);
        return TokenView.of(unwrap(revoked), departments.byId());
    }
}
