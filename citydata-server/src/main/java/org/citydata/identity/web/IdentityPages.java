package org.citydata.identity.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentForm;
import org.citydata.identity.Departments;
import org.citydata.identity.Role;
import org.citydata.identity.UserForm;
import org.citydata.identity.Users;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.identity.internal.TokenScope;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages for the organisation tree, users and API tokens. */
@PageController
class IdentityPages {

    private final Departments departments;
    private final Users users;
    private final ApiTokens tokens;
    private final AccessPolicy policy;
    private final Messages messages;

    IdentityPages(Departments departments, Users users, ApiTokens tokens, AccessPolicy policy, Messages messages) {
        this.departments = departments;
        this.users = users;
        this.tokens = tokens;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    // ------------------------------------------------------------ departments

    @GetMapping("/departments")
    String departments(Actor actor, Model model, @RequestParam(required = false) String edit) {
        var form = edit == null ? null : departments.findByCode(edit).map(d -> new DepartmentForm(d.code(),
                d.parentId() == null ? null : departments.find(d.parentId()).orElseThrow().code(), d.nameZh(), d.nameEn(),
                d.contactName(), d.contactPhone(), d.contactEmail())).orElse(null);
        return departmentsPage(actor, model, form, edit);
    }

    @PostMapping("/departments")
    String saveDepartment(Actor actor, DepartmentForm form, @RequestParam(required = false) String editing, Model model,
                          RedirectAttributes redirect) {
        var result = editing == null || editing.isBlank() ? departments.create(actor, form) : departments.update(actor, editing, form);
        if (result.succeeded()) {
            redirect.addFlashAttribute("notice", result.value().nameZh() + " ✓");
            return "redirect:/departments";
        }
        show(model, result.problem());
        return departmentsPage(actor, model, form, editing);
    }

    @PostMapping("/departments/{code}/delete")
    String deleteDepartment(Actor actor, @PathVariable String code, Model model, RedirectAttributes redirect) {
        var result = departments.delete(actor, code);
        if (result.succeeded()) return "redirect:/departments";
        show(model, result.problem());
        return departmentsPage(actor, model, null, null);
    }

    private String departmentsPage(Actor actor, Model model, DepartmentForm form, String editing) {
        model.addAttribute("tree", departments.tree());
        model.addAttribute("canManage", policy.canManageDepartments(actor));
        model.addAttribute("form", form == null ? new DepartmentForm("", "", "", "", "", "", "") : form);
        model.addAttribute("editing", editing);
        return "identity/departments";
    }

    // ------------------------------------------------------------ users

    @GetMapping("/users")
    String users(Actor actor, Model model, @RequestParam(required = false) String edit) {
        var form = edit == null ? null : users.find(edit).filter(u -> policy.canManageMembersOf(actor, u.departmentId()))
                .map(u -> new UserForm(u.username(), u.displayName(),
                departments.find(u.departmentId()).orElseThrow().code(), u.roles(), u.enabled(), "")).orElse(null);
        return usersPage(actor, model, form, edit);
    }

    @PostMapping("/users")
    String saveUser(Actor actor, @RequestParam String username, @RequestParam String displayName,
                    @RequestParam String departmentCode, @RequestParam(required = false) List<Role> roles,
                    @RequestParam(defaultValue = "false") boolean enabled, @RequestParam(required = false) String password,
                    @RequestParam(required = false) String editing, Model model, RedirectAttributes redirect) {
        var form = new UserForm(username, displayName, departmentCode,
                roles == null ? Set.of() : EnumSet.copyOf(roles), enabled, password);
        var result = editing == null || editing.isBlank() ? users.create(actor, form) : users.update(actor, editing, form);
        if (result.succeeded()) {
            redirect.addFlashAttribute("notice", result.value().username() + " ✓");
            return "redirect:/users";
        }
        show(model, result.problem());
        return usersPage(actor, model, form, editing);
    }

    private String usersPage(Actor actor, Model model, UserForm form, String editing) {
        model.addAttribute("users", users.visibleTo(actor));
        model.addAttribute("departments", departments.byId());
        model.addAttribute("tree", departments.tree().stream()
                .filter(r -> policy.canManageMembersOf(actor, r.department().id())).toList());
        // an application's role is not for people
        model.addAttribute("roles", java.util.Arrays.stream(Role.values()).filter(r -> r != Role.EXCHANGE_CLIENT).toList());
        model.addAttribute("canManage", departments.all().stream().anyMatch(d -> policy.canManageMembersOf(actor, d.id())));
        model.addAttribute("form", form == null ? new UserForm("", "", "", Set.of(), true, "") : form);
        model.addAttribute("editing", editing);
        return "identity/users";
    }

    // ------------------------------------------------------------ tokens

    @GetMapping("/tokens")
    String tokens(Actor actor, Model model) {
        return tokensPage(actor, model);
    }

    @PostMapping("/tokens")
    String issueToken(Actor actor, @RequestParam String name, @RequestParam String departmentCode,
                      @RequestParam(required = false) List<TokenScope> scopes, @RequestParam(required = false) Integer validDays,
                      Model model) {
        var result = tokens.issue(actor, new ApiTokens.TokenForm(name, departmentCode,
                scopes == null ? Set.of() : EnumSet.copyOf(scopes), validDays));
        if (result.succeeded()) model.addAttribute("secret", result.value().secret());
        else show(model, result.problem());
        return tokensPage(actor, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(Actor actor, @PathVariable long id, Model model) {
        Result<?> result = tokens.revoke(actor, id);
        if (!result.succeeded()) {
            show(model, result.problem());
            return tokensPage(actor, model);
        }
        return "redirect:/tokens";
    }

    private String tokensPage(Actor actor, Model model) {
        model.addAttribute("tokens", tokens.visibleTo(actor));
        model.addAttribute("departments", departments.byId());
        model.addAttribute("tree", departments.tree().stream()
                .filter(r -> policy.canManageMembersOf(actor, r.department().id())).toList());
        model.addAttribute("scopes", TokenScope.values());
        model.addAttribute("now", java.time.OffsetDateTime.now());
        return "identity/tokens";
    }

    private void show(Model model, Problem problem) {
        model.addAttribute("problem", messages.problem(problem));
        model.addAttribute("violations", messages.violations(problem.violations()));
    }

}
