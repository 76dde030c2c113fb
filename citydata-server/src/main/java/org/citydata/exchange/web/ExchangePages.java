package org.citydata.exchange.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ShareType;
import org.citydata.exchange.ApplicationAction;
import org.citydata.exchange.ApplicationForm;
import org.citydata.exchange.Approval;
import org.citydata.exchange.Decision;
import org.citydata.exchange.Grant;
import org.citydata.exchange.Grants;
import org.citydata.exchange.ShareApplication;
import org.citydata.exchange.ShareApplications;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.DepartmentApplications;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemException;
import org.citydata.privacy.MaskingChoices;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of 共享交换: the inbox and outbox of share applications with their countdowns, applying for a resource,
 * one application with its history and the forms its reader may use (approve, refuse, withdraw; the bureau's decide
 * and return), the grants with suspend/resume/revoke, and the bureau's list of escalated applications.
 */
@PageController
class ExchangePages {

    private final ShareApplications applications;
    private final Grants grants;
    private final Catalog catalog;
    private final Departments departments;
    private final DepartmentApplications departmentApplications;
    private final AccessPolicy policy;
    private final Messages messages;
    private final Masker masker;

    ExchangePages(ShareApplications applications, Grants grants, Catalog catalog, Departments departments,
                  DepartmentApplications departmentApplications, AccessPolicy policy, Messages messages, Masker masker) {
        this.applications = applications;
        this.grants = grants;
        this.catalog = catalog;
        this.departments = departments;
        this.departmentApplications = departmentApplications;
        this.policy = policy;
        this.messages = messages;
        this.masker = masker;
    }

    /** What the apply form holds, as typed (so a form with errors comes back as it was sent). */
    record ApplyView(Set<String> fields, String purpose, String legalBasis, String periodFrom, String periodTo,
                     String dailyCalls, String contactName, String contactPhone, Set<Long> applicationIds) {}

    /** What the approval form holds. */
    record ApprovalView(Set<String> granted, Map<String, String> masks, String validFrom, String validUntil,
                        String ratePerMinute, String dailyRowQuota, Set<Long> applicationIds, boolean confirmClearL4,
                        String clearJustification, String note) {}

    /** A masking rule in a select: its text, what it does in words, and what it makes of the example value. */
    record MaskOption(String rule, String label, String preview) {}

    /** One asked field in the approval form. */
    record FieldRow(String name, String label, String type, String sensitivity, String example, List<MaskOption> options,
                    String defaultRule, boolean clearNeedsConfirmation) {}

    /** A grant as a row of the list: names resolved, fields as "name: rule". */
    record GrantRow(Grant grant, String providerName, String consumerName, List<String> fields, List<String> applicationNames,
                    boolean canManage) {}

    // ------------------------------------------------------------------ lists

    @GetMapping("/exchange")
    String home() {
        return "redirect:/exchange/applications";
    }

    @GetMapping("/exchange/applications")
    String list(Actor actor, @RequestParam(defaultValue = "inbox") String box, Model model) {
        var which = switch (box) {
            case "outbox" -> ShareApplications.Box.OUTBOX;
            case "all" -> ShareApplications.Box.ALL;
            default -> ShareApplications.Box.INBOX;
        };
        model.addAttribute("box", which.name().toLowerCase(Locale.ROOT));
        model.addAttribute("applications", unwrap(applications.list(actor, which)));
        common(actor, model);
        return "exchange/applications";
    }

    @GetMapping("/exchange/escalated")
    String escalated(Actor actor, Model model) {
        model.addAttribute("escalated", unwrap(applications.escalated(actor)));
        // applications about to run out: the bureau may remind the provider before it has to decide
        model.addAttribute("dueSoon", unwrap(applications.list(actor, ShareApplications.Box.ALL)).stream()
                .filter(a -> a.status() == ShareApplication.Status.SUBMITTED && a.workingDaysLeft() != null && a.workingDaysLeft() <= 2)
                .toList());
        common(actor, model);
        return "exchange/escalated";
    }

    private void common(Actor actor, Model model) {
        model.addAttribute("deptNames", departments.all().stream()
                .collect(Collectors.toMap(Department::code, d -> d.name(Messages.locale()))));
        model.addAttribute("seesAll", policy.canSeeAllDepartments(actor));
        model.addAttribute("isBureau", policy.canDecideEscalatedShares(actor));
    }

    // ------------------------------------------------------------------ applying

    @GetMapping("/exchange/applications/new")
    String applyForm(Actor actor, @RequestParam String resource, Model model) {
        var r = unwrap(catalog.get(actor, resource));
        var today = LocalDate.now();
        // a conditional resource starts with no field ticked: ask for what the purpose needs, not for everything
        var fields = r.metadata().shareType() == ShareType.UNCONDITIONAL
                ? r.metadata().fields().stream().map(FieldSpec::name).collect(Collectors.toCollection(LinkedHashSet::new))
                : new LinkedHashSet<String>();
        var form = new ApplyView(fields, "", "", today.toString(), today.plusYears(1).minusDays(1).toString(), "",
                actor.displayName(), "", Set.of());
        return applyPage(actor, r, form, model);
    }

    @PostMapping("/exchange/applications")
    String apply(Actor actor, @RequestParam MultiValueMap<String, String> p, Model model, RedirectAttributes redirect) {
        String code = first(p, "resourceCode");
        var r = unwrap(catalog.get(actor, code == null ? "" : code));
        var view = new ApplyView(new LinkedHashSet<>(p.getOrDefault("fields", List.of())), first(p, "purpose"),
                first(p, "legalBasis"), first(p, "periodFrom"), first(p, "periodTo"), first(p, "dailyCalls"),
                first(p, "contactName"), first(p, "contactPhone"), ids(p.get("applicationIds")));
        var format = new ArrayList<Violation>();
        var form = new ApplicationForm(code, List.copyOf(view.fields()), view.purpose(), view.legalBasis(),
                date(view.periodFrom(), "periodFrom", format), date(view.periodTo(), "periodTo", format),
                integer(view.dailyCalls(), "dailyCalls", format), view.contactName(), view.contactPhone(),
                List.copyOf(view.applicationIds()));
        Result<ShareApplication> result = format.isEmpty() ? applications.apply(actor, form)
                : Result.failure(Problem.invalid("EXCHANGE_INVALID_APPLICATION", format));
        if (result.succeeded()) {
            var app = result.value();
            redirect.addFlashAttribute("notice", app.status() == ShareApplication.Status.APPROVED
                    ? messages.get("exchange.grantedAtOnce", app.grantId())
                    : messages.get("exchange.submitted", app.dueDate()));
            return "redirect:/exchange/applications/" + app.id();
        }
        failed(model, result.problem());
        return applyPage(actor, r, view, model);
    }

    private String applyPage(Actor actor, Resource r, ApplyView form, Model model) {
        // the same refusals the submission would give, before anyone fills in the form
        if (!policy.canApplyForShares(actor)) throw new ProblemException(Problem.forbidden("IDENTITY_FORBIDDEN", "share applications"));
        if (r.status() != org.citydata.catalog.ResourceStatus.PUBLISHED)
            throw new ProblemException(Problem.conflict("EXCHANGE_RESOURCE_NOT_PUBLISHED", r.code(), r.metadata().name()));
        if (r.providerId() == actor.departmentId())
            throw new ProblemException(Problem.of(Problem.Kind.INVALID, "EXCHANGE_OWN_RESOURCE", r.code(), r.metadata().name()));
        if (r.metadata().shareType() == ShareType.NONE) throw new ProblemException(
                Problem.forbidden("EXCHANGE_NOT_SHAREABLE", r.code(), r.metadata().name()));
        model.addAttribute("r", r);
        model.addAttribute("provider", departments.find(r.providerId()).map(d -> d.name(Messages.locale())).orElse(""));
        model.addAttribute("form", form);
        model.addAttribute("ownApplications", departmentApplications.exchangeClientsOf(actor.departmentId()));
        model.addAttribute("answerDays", applications.answerDays());
        return "exchange/apply";
    }

    // ------------------------------------------------------------------ one application

    @GetMapping("/exchange/applications/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        var app = unwrap(applications.get(actor, id));
        return detailPage(actor, app, null, model);
    }

    private String detailPage(Actor actor, ShareApplication app, ApprovalView posted, Model model) {
        var resource = catalog.get(actor, app.resourceId());
        Map<String, String> labels = new LinkedHashMap<>();
        if (resource.succeeded()) resource.value().metadata().fields().forEach(f -> labels.put(f.name(), f.label()));
        boolean canApprove = applications.canAct(actor, app, ApplicationAction.APPROVE);
        boolean canDecide = applications.canAct(actor, app, ApplicationAction.DECIDE_APPROVE);
        model.addAttribute("a", app);
        model.addAttribute("labels", labels);
        model.addAttribute("canApprove", canApprove);
        model.addAttribute("canRefuse", applications.canAct(actor, app, ApplicationAction.REFUSE));
        model.addAttribute("canWithdraw", applications.canAct(actor, app, ApplicationAction.WITHDRAW));
        model.addAttribute("canDecide", canDecide);
        model.addAttribute("canReturn", applications.canAct(actor, app, ApplicationAction.RETURN));
        var names = new LinkedHashMap<Long, String>(departmentApplications.names(app.applicationIds()));
        model.addAttribute("askedApplications", app.applicationIds().stream().map(i -> names.getOrDefault(i, "#" + i)).toList());
        if (canApprove || canDecide) {
            var rows = unwrap(applications.fieldChoices(actor, app.id())).stream().map(this::row).toList();
            model.addAttribute("rows", rows);
            model.addAttribute("anyL4", rows.stream().anyMatch(FieldRow::clearNeedsConfirmation));
            model.addAttribute("approval", posted != null ? posted : defaults(app, rows));
            // the approver narrows the applications to those asked for, or picks among the requester's when none were
            model.addAttribute("consumerApplications", departmentApplications.exchangeClientsOf(app.consumerId()).stream()
                    .filter(x -> app.applicationIds().isEmpty() || app.applicationIds().contains(x.id())).toList());
        }
        if (app.grantId() != null) grants.get(actor, app.grantId()).map(g -> grantRow(actor, g))
                .map(g -> model.addAttribute("grant", g));
        common(actor, model);
        return "exchange/application";
    }

    private ApprovalView defaults(ShareApplication app, List<FieldRow> rows) {
        var masks = new LinkedHashMap<String, String>();
        rows.forEach(r -> masks.put(r.name(), r.defaultRule()));
        return new ApprovalView(new LinkedHashSet<>(app.fields()), masks, app.periodFrom().toString(), app.periodTo().toString(),
                String.valueOf(applications.defaultRatePerMinute()), String.valueOf(applications.defaultDailyRowQuota()),
                app.applicationIds(), false, "", "");
    }

    private FieldRow row(ShareApplications.FieldChoice c) {
        var f = c.field();
        var kind = ValueKind.valueOf(f.type().name());
        String example = MaskingChoices.example(kind);
        var options = c.rules().stream().map(text -> {
            var rule = Masking.parse(text).value();
            String label = describe(rule) + (text.equals(c.defaultRule()) ? " · " + messages.get("exchange.default") : "");
            return new MaskOption(text, label, String.valueOf(masker.apply(rule, example, kind)));
        }).toList();
        return new FieldRow(f.name(), f.label(), f.type().name(), f.sensitivity() == null ? "L4" : f.sensitivity().name(),
                example, options, c.defaultRule(), c.clearNeedsConfirmation());
    }

    /** A rule in words: "keep(3,4)" → keep(3,4) — 保留前 3 位、后 4 位. */
    private String describe(Masking rule) {
        return rule.text() + " — " + messages.masking(rule.text());
    }

    @PostMapping("/exchange/applications/{id}/approve")
    String approve(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> p, Model model,
                   RedirectAttributes redirect) {
        var posted = approvalView(p);
        var approval = approval(posted, new ArrayList<>());
        var result = approval.succeeded() ? applications.approve(actor, id, approval.value()) : Result.<ShareApplication>failure(approval.problem());
        return answered(actor, id, result, posted, model, redirect);
    }

    @PostMapping("/exchange/applications/{id}/decide")
    String decide(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> p, Model model,
                  RedirectAttributes redirect) {
        if ("REFUSE".equals(first(p, "outcome"))) {
            var result = applications.decide(actor, id, new Decision(Decision.Outcome.REFUSE, first(p, "reason"), null));
            return redirected(id, result, redirect, "exchange.refused");
        }
        var posted = approvalView(p);
        var approval = approval(posted, new ArrayList<>());
        var result = approval.succeeded()
                ? applications.decide(actor, id, new Decision(Decision.Outcome.APPROVE, null, approval.value()))
                : Result.<ShareApplication>failure(approval.problem());
        return answered(actor, id, result, posted, model, redirect);
    }

    private String answered(Actor actor, long id, Result<ShareApplication> result, ApprovalView posted, Model model,
                            RedirectAttributes redirect) {
        if (result.succeeded()) {
            redirect.addFlashAttribute("notice", messages.get("exchange.approved", result.value().grantId()));
            return "redirect:/exchange/applications/" + id;
        }
        failed(model, result.problem());
        var app = unwrap(applications.get(actor, id)); // an application the reader may not see stays unseen
        return detailPage(actor, app, posted, model);
    }

    @PostMapping("/exchange/applications/{id}/refuse")
    String refuse(Actor actor, @PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return redirected(id, applications.refuse(actor, id, reason), redirect, "exchange.refused");
    }

    @PostMapping("/exchange/applications/{id}/withdraw")
    String withdraw(Actor actor, @PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return redirected(id, applications.withdraw(actor, id, note), redirect, "exchange.withdrawn");
    }

    @PostMapping("/exchange/applications/{id}/return")
    String giveBack(Actor actor, @PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return redirected(id, applications.returnToProvider(actor, id, note), redirect, "exchange.returned");
    }

    private String redirected(long id, Result<ShareApplication> result, RedirectAttributes redirect, String notice) {
        if (result.succeeded()) redirect.addFlashAttribute("notice", messages.get(notice));
        else if (result.problem().kind() == Problem.Kind.NOT_FOUND) throw new ProblemException(result.problem());
        else {
            redirect.addFlashAttribute("problem", messages.problem(result.problem()));
            redirect.addFlashAttribute("violations", messages.violations(result.problem().violations()));
        }
        return "redirect:/exchange/applications/" + id;
    }

    private ApprovalView approvalView(MultiValueMap<String, String> p) {
        var masks = new LinkedHashMap<String, String>();
        p.forEach((key, values) -> {
            if (key.startsWith("mask.") && !values.isEmpty()) masks.put(key.substring(5), values.get(0));
        });
        return new ApprovalView(new LinkedHashSet<>(p.getOrDefault("grant", List.of())), masks, first(p, "validFrom"),
                first(p, "validUntil"), first(p, "ratePerMinute"), first(p, "dailyRowQuota"), ids(p.get("applicationIds")),
                "true".equals(first(p, "confirmClearL4")) || "on".equals(first(p, "confirmClearL4")),
                first(p, "clearJustification"), first(p, "note"));
    }

    private static Result<Approval> approval(ApprovalView v, List<Violation> format) {
        var fields = new LinkedHashMap<String, String>();
        // the fields in the form's order; an unticked one is not granted
        v.masks().forEach((name, rule) -> {
            if (v.granted().contains(name)) fields.put(name, rule);
        });
        v.granted().forEach(name -> fields.putIfAbsent(name, null));
        var approval = new Approval(fields, date(v.validFrom(), "validFrom", format), date(v.validUntil(), "validUntil", format),
                integer(v.ratePerMinute(), "ratePerMinute", format), longValue(v.dailyRowQuota(), "dailyRowQuota", format),
                List.copyOf(v.applicationIds()), v.confirmClearL4(), v.clearJustification(), v.note());
        return format.isEmpty() ? Result.ok(approval) : Result.failure(Problem.invalid("EXCHANGE_INVALID_APPROVAL", format));
    }

    // ------------------------------------------------------------------ grants

    @GetMapping("/exchange/grants")
    String grantList(Actor actor, @RequestParam(defaultValue = "all") String side, Model model) {
        var which = switch (side) {
            case "provided" -> Grants.Side.PROVIDED;
            case "received" -> Grants.Side.RECEIVED;
            default -> Grants.Side.ALL;
        };
        model.addAttribute("side", which.name().toLowerCase(Locale.ROOT));
        model.addAttribute("grants", unwrap(grants.list(actor, which)).stream().map(g -> grantRow(actor, g)).toList());
        common(actor, model);
        return "exchange/grants";
    }

    @PostMapping("/exchange/grants/{id}/{action}")
    String changeGrant(Actor actor, @PathVariable long id, @PathVariable String action,
                       @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        var result = switch (action) {
            case "suspend" -> grants.suspend(actor, id, reason);
            case "resume" -> grants.resume(actor, id, reason);
            case "revoke" -> grants.revoke(actor, id, reason);
            default -> throw new ProblemException(Problem.notFound("NOT_FOUND", "/exchange/grants/" + id + "/" + action));
        };
        if (result.succeeded()) redirect.addFlashAttribute("notice", messages.get("exchange.grant." + action + ".done", id));
        else if (result.problem().kind() == Problem.Kind.NOT_FOUND) throw new ProblemException(result.problem());
        else {
            redirect.addFlashAttribute("problem", messages.problem(result.problem()));
            redirect.addFlashAttribute("violations", messages.violations(result.problem().violations()));
        }
        return "redirect:/exchange/grants";
    }

    private GrantRow grantRow(Actor actor, Grant g) {
        var byId = departments.byId();
        var appNames = departmentApplications.names(g.applicationIds());
        return new GrantRow(g, name(byId.get(g.providerId())), name(byId.get(g.consumerId())),
                g.fields().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().text()).toList(),
                g.applicationIds().stream().map(i -> appNames.getOrDefault(i, "#" + i)).toList(),
                policy.canManageGrantsOf(actor, g.providerId()));
    }

    private static String name(Department d) {
        return d == null ? "" : d.name(Messages.locale());
    }

    // ------------------------------------------------------------------ form values

    private void failed(Model model, Problem problem) {
        model.addAttribute("problem", messages.problem(problem));
        model.addAttribute("violations", messages.violations(problem.violations()));
    }

    private static String first(MultiValueMap<String, String> p, String key) {
        return p.getFirst(key);
    }

    private static Set<Long> ids(List<String> values) {
        var out = new LinkedHashSet<Long>();
        if (values != null) for (var v : values) {
            try {
                out.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException ignored) {
                // a tampered checkbox value: not an application of anyone's
            }
        }
        return out;
    }

    private static LocalDate date(String s, String field, List<Violation> v) {
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            v.add(Violation.of(field, "format", s));
            return null;
        }
    }

    private static Integer integer(String s, String field, List<Violation> v) {
        if (s == null || s.isBlank()) return null;
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            v.add(Violation.of(field, "format", s));
            return null;
        }
    }

    private static Long longValue(String s, String field, List<Violation> v) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            v.add(Violation.of(field, "format", s));
            return null;
        }
    }
}
