package org.citydata.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ShareType;
import org.citydata.exchange.ApplicationAction.Party;
import org.citydata.exchange.ShareApplication.Status;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentApplications;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.platform.calendar.WorkingDays;
import org.citydata.privacy.MaskingChoices;
import org.citydata.kernel.quality.ValueKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 共享申请 from submission to answer. Each command loads the application (locked), checks that the actor may see it
 * (else it does not exist for them), that the move is theirs ({@link ApplicationAction#party()}), that the table allows
 * it from the current state, then validates, changes the state and appends the step to the history in one transaction.
 *
 * <p>Deadlines: the provider answers within {@code citydata.exchange.answer-days} working days (default 10) of the
 * submission or of the bureau's return. Past the due date the platform escalates the application to the bureau — by
 * a scheduled check, and whenever an application is read or acted on, so nobody sees or answers an overdue
 * application as if it were not.
 */
@Service
public class ShareApplications {

    /** Which applications a list shows: to my department, from my department, or all I may see. */
    public enum Box { INBOX, OUTBOX, ALL }

    private static final Actor PLATFORM = Actor.system(0);
    private static final String SELECT = """
            select id, resource_id, resource_code, resource_name, share_type, provider_id, provider_code, consumer_id,
                   consumer_code, fields, purpose, legal_basis, period_from, period_to, daily_calls, contact_name,
                   contact_phone, application_ids, status, submitted_by, submitted_at, due_date, answer, grant_id
            from exchange_application""";

    private final JdbcClient db;
    private final Catalog catalog;
    private final Departments departments;
    private final DepartmentApplications applications;
    private final AccessPolicy policy;
    private final Grants grants;
    private final WorkingDays workingDays;
    private final int answerDays;
    private final int defaultRate;
    private final long defaultQuota;

    ShareApplications(JdbcClient db, Catalog catalog, Departments departments, DepartmentApplications applications,
                      AccessPolicy policy, Grants grants, WorkingDays workingDays,
                      @Value("${citydata.exchange.answer-days:10}") int answerDays,
                      @Value("${citydata.exchange.default-rate-per-minute:600}") int defaultRate,
                      @Value("${citydata.exchange.default-daily-row-quota:100000}") long defaultQuota) {
        this.db = db;
        this.catalog = catalog;
        this.departments = departments;
        this.applications = applications;
        this.policy = policy;
        this.grants = grants;
        this.workingDays = workingDays;
        this.answerDays = answerDays;
        this.defaultRate = defaultRate;
        this.defaultQuota = defaultQuota;
    }

    public int answerDays() {
        return answerDays;
    }

    public int defaultRatePerMinute() {
        return defaultRate;
    }

    public long defaultDailyRowQuota() {
        return defaultQuota;
    }

    // ------------------------------------------------------------------ submission

    /**
     * A department's officer asks for another department's published resource. A conditionally shared resource
     * waits for the provider's answer; an unconditionally shared one is approved by the platform at once, every asked
     * field at its default masking, so it has the same history and a grant. Refused: {@code EXCHANGE_NOT_SHAREABLE}
     * (不予共享), {@code EXCHANGE_OWN_RESOURCE}, {@code EXCHANGE_RESOURCE_NOT_PUBLISHED}, {@code EXCHANGE_INVALID_APPLICATION}.
     */
    @Transactional
    public Result<ShareApplication> apply(Actor actor, ApplicationForm form) {
        if (!policy.canApplyForShares(actor)) return AccessPolicy.denied("share applications");
        var violations = new ArrayList<Violation>();
        Resource resource = null;
        if (ApplicationRules.blank(form.resourceCode())) violations.add(Violation.of("resourceCode", "required"));
        else {
            var found = catalog.get(actor, form.resourceCode().strip());
            if (found.succeeded()) resource = found.value();
            else violations.add(Violation.of("resourceCode", "resource.unknown", form.resourceCode().strip()));
        }
        if (resource != null) {
            var d = resource.metadata();
            if (resource.status() != ResourceStatus.PUBLISHED)
                return Result.failure(Problem.conflict("EXCHANGE_RESOURCE_NOT_PUBLISHED", resource.code(), d.name()));
            if (resource.providerId() == actor.departmentId())
                return Result.failure(Problem.of(Problem.Kind.INVALID, "EXCHANGE_OWN_RESOURCE", resource.code(), d.name()));
            if (d.shareType() == ShareType.NONE)
                return Result.failure(Problem.forbidden("EXCHANGE_NOT_SHAREABLE", resource.code(), d.name()));
        }
        var today = LocalDate.now();
        violations.addAll(ApplicationRules.checkForm(form, resource == null ? null : resource.metadata().fields(),
                resource == null ? ShareType.CONDITIONAL : resource.metadata().shareType(),
                exchangeClientsOf(actor.departmentId()), today));
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("EXCHANGE_INVALID_APPLICATION", violations));

        var d = resource.metadata();
        boolean conditional = d.shareType() == ShareType.CONDITIONAL;
        LocalDate due = conditional ? workingDays.dueDate(today, answerDays) : null;
        String providerCode = departments.find(resource.providerId()).orElseThrow().code();
        String consumerCode = departments.find(actor.departmentId()).orElseThrow().code();
        var apps = form.applicationIds() == null ? new Long[0] : form.applicationIds().stream().distinct().sorted().toArray(Long[]::new);
        long id = db.sql("""
                insert into exchange_application (resource_id, resource_code, resource_name, share_type, provider_id,
                    provider_code, consumer_id, consumer_code, fields, purpose, legal_basis, period_from, period_to,
                    daily_calls, contact_name, contact_phone, application_ids, status, submitted_by, due_date)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?) returning id""")
                .params(resource.id(), resource.code(), d.name(), d.shareType().name(), resource.providerId(), providerCode,
                        actor.departmentId(), consumerCode, form.fields().toArray(String[]::new), form.purpose().strip(),
                        ApplicationRules.strip(form.legalBasis()), form.periodFrom(), form.periodTo(), form.dailyCalls(),
                        form.contactName().strip(), form.contactPhone().strip(), apps, actor.signature(), due)
                .query(Long.class).single();
        event(id, ApplicationAction.SUBMIT, null, actor, null, due, List.of(), null);
        var submitted = find(id).orElseThrow();
        if (!conditional) {
            var checked = ApplicationRules.checkApproval(Approval.asAsked(), submitted, d.fields(),
                    exchangeClientsOf(submitted.consumerId()), defaultRate, defaultQuota, today);
            // the requester's own input was checked above; what remains cannot fail for an unconditional resource
            if (!checked.violations().isEmpty()) throw new IllegalStateException("automatic approval rejected: " + checked.violations());
            grantAndMove(PLATFORM, submitted, ApplicationAction.AUTO_APPROVE, checked);
        }
        return Result.ok(read(find(id).orElseThrow()));
    }

    // ------------------------------------------------------------------ answers

    /** The provider's officer approves under these terms ({@link Approval}); the grant is made at once. */
    @Transactional
    public Result<ShareApplication> approve(Actor actor, long id, Approval approval) {
        return act(actor, id, ApplicationAction.APPROVE, app -> approveAs(actor, app, ApplicationAction.APPROVE, approval));
    }

    /** The provider's officer refuses; the reason is required and shown to the requester. */
    @Transactional
    public Result<ShareApplication> refuse(Actor actor, long id, String reason) {
        return act(actor, id, ApplicationAction.REFUSE, app -> refuseAs(actor, app, ApplicationAction.REFUSE, reason));
    }

    /** The requester's officer takes the application back while no answer is given; the note is optional. */
    @Transactional
    public Result<ShareApplication> withdraw(Actor actor, long id, String note) {
        return act(actor, id, ApplicationAction.WITHDRAW, app -> {
            var v = new ArrayList<Violation>();
            ApplicationRules.text(v, "note", note, false, ApplicationRules.MAX_NOTE);
            if (!v.isEmpty()) return Result.failure(Problem.invalid("EXCHANGE_INVALID_ANSWER", v));
            return move(actor, app, ApplicationAction.WITHDRAW, ApplicationRules.strip(note), null, null, null, List.of(), null);
        });
    }

    /** The bureau decides an escalated application on the provider's behalf; the history names the bureau. */
    @Transactional
    public Result<ShareApplication> decide(Actor actor, long id, Decision decision) {
        if (decision == null || decision.outcome() == null)
            return Result.failure(Problem.invalid("EXCHANGE_INVALID_ANSWER", List.of(Violation.of("outcome", "required"))));
        if (decision.outcome() == Decision.Outcome.APPROVE)
            return act(actor, id, ApplicationAction.DECIDE_APPROVE,
                    app -> approveAs(actor, app, ApplicationAction.DECIDE_APPROVE, decision.approval()));
        return act(actor, id, ApplicationAction.DECIDE_REFUSE,
                app -> refuseAs(actor, app, ApplicationAction.DECIDE_REFUSE, decision.reason()));
    }

    /** The bureau hands an escalated application back to the provider with a note and a fresh due date. */
    @Transactional
    public Result<ShareApplication> returnToProvider(Actor actor, long id, String note) {
        return act(actor, id, ApplicationAction.RETURN, app -> {
            var v = ApplicationRules.reason("note", note);
            if (!v.isEmpty()) return Result.failure(Problem.invalid("EXCHANGE_INVALID_ANSWER", v));
            var due = workingDays.dueDate(LocalDate.now(), answerDays);
            return move(actor, app, ApplicationAction.RETURN, note.strip(), due, null, null, List.of(), null);
        });
    }

    private Result<ShareApplication> approveAs(Actor actor, ShareApplication app, ApplicationAction action, Approval approval) {
        var resource = catalog.get(PLATFORM, app.resourceId());
        if (!resource.succeeded() || resource.value().status() != ResourceStatus.PUBLISHED)
            return Result.failure(Problem.conflict("EXCHANGE_RESOURCE_NOT_PUBLISHED", app.resourceCode(), app.resourceName()));
        var checked = ApplicationRules.checkApproval(approval, app, resource.value().metadata().fields(),
                exchangeClientsOf(app.consumerId()), defaultRate, defaultQuota, LocalDate.now());
        if (!checked.violations().isEmpty()) return Result.failure(Problem.invalid("EXCHANGE_INVALID_APPROVAL", checked.violations()));
        return grantAndMove(actor, app, action, checked);
    }

    private Result<ShareApplication> grantAndMove(Actor actor, ShareApplication app, ApplicationAction action,
                                                  ApplicationRules.Checked checked) {
        var grant = grants.create(actor, app, checked.terms());
        return move(actor, app, action, checked.note(), null, checked.note(), grant.id(), checked.clearL4Fields(),
                checked.justification());
    }

    private Result<ShareApplication> refuseAs(Actor actor, ShareApplication app, ApplicationAction action, String reason) {
        var v = ApplicationRules.reason("reason", reason);
        if (!v.isEmpty()) return Result.failure(Problem.invalid("EXCHANGE_INVALID_ANSWER", v));
        return move(actor, app, action, reason.strip(), null, reason.strip(), null, List.of(), null);
    }

    /** Lock, check visibility (404), party (403) and state (409) in that order, then take the step. */
    private Result<ShareApplication> act(Actor actor, long id, ApplicationAction action,
                                         Function<ShareApplication, Result<ShareApplication>> step) {
        var found = db.sql(SELECT + " where id = ? for update").param(id).query(ShareApplications::map).optional();
        if (found.isEmpty() || !visible(actor, found.get())) return Result.failure(Problem.notFound("EXCHANGE_APPLICATION_NOT_FOUND", id));
        var app = escalateIfOverdue(found.get(), LocalDate.now());
        if (!mayAct(actor, action.party(), app)) return AccessPolicy.denied("share application " + id);
        if (!action.allowedFrom(app.status()))
            return Result.failure(Problem.conflict("EXCHANGE_BAD_TRANSITION", id, app.status(), action));
        return step.apply(app);
    }

    private boolean mayAct(Actor actor, Party party, ShareApplication app) {
        return switch (party) {
            case REQUESTER -> policy.canApplyForShares(actor) && actor.departmentId() == app.consumerId();
            case PROVIDER -> policy.canAnswerSharesOf(actor, app.providerId());
            case BUREAU -> policy.canDecideEscalatedShares(actor);
            case PLATFORM -> actor.kind() == Actor.Kind.SYSTEM;
        };
    }

    /**
     * The one place an application's state changes: the row (guarded by the state it was read in) and its history
     * step together. {@code due} replaces the due date when given; {@code answer} and {@code grantId} are kept.
     */
    private Result<ShareApplication> move(Actor actor, ShareApplication app, ApplicationAction action, String note,
                                          LocalDate due, String answer, Long grantId, List<String> clearL4Fields,
                                          String justification) {
        int changed = db.sql("""
                update exchange_application set status = ?, due_date = coalesce(?, due_date),
                    answer = coalesce(?, answer), grant_id = coalesce(?, grant_id), updated_at = now()
                where id = ? and status = ?""")
                .params(action.to().name(), due, answer, grantId, app.id(), app.status().name()).update();
        if (changed != 1) return Result.failure(Problem.conflict("EXCHANGE_BAD_TRANSITION", app.id(), app.status(), action));
        event(app.id(), action, app.status(), actor, note, due, clearL4Fields, justification);
        return Result.ok(read(find(app.id()).orElseThrow()));
    }

    private void event(long id, ApplicationAction action, Status from, Actor actor, String note, LocalDate due,
                       List<String> clearL4Fields, String justification) {
        String department = actor.kind() == Actor.Kind.SYSTEM ? null
                : departments.find(actor.departmentId()).map(org.citydata.identity.Department::code).orElse(null);
        db.sql("""
                insert into exchange_application_event (application_id, action, from_status, to_status, actor,
                    actor_department_code, note, due_date, clear_l4_fields, justification)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, action.name(), from == null ? null : from.name(), action.to().name(), actor.signature(),
                        department, note, due, clearL4Fields.toArray(String[]::new), justification)
                .update();
    }

    // ------------------------------------------------------------------ deadlines

    /**
     * Escalates every application whose due date has passed without an answer; the platform's move, recorded as
     * {@code system}. Rows another transaction holds are left for the next round.
     */
    @Transactional
    public int escalateOverdue() {
        var overdue = db.sql(SELECT + " where status = 'SUBMITTED' and due_date < ? for update skip locked")
                .param(LocalDate.now()).query(ShareApplications::map).list();
        overdue.forEach(app -> move(PLATFORM, app, ApplicationAction.ESCALATE, null, null, null, null, List.of(), null));
        return overdue.size();
    }

    private ShareApplication escalateIfOverdue(ShareApplication app, LocalDate today) {
        if (app.status() != Status.SUBMITTED || app.dueDate() == null || !app.dueDate().isBefore(today)) return app;
        var moved = move(PLATFORM, app, ApplicationAction.ESCALATE, null, null, null, null, List.of(), null);
        return moved.succeeded() ? moved.value() : find(app.id()).orElseThrow();
    }

    // ------------------------------------------------------------------ reading

    /**
     * Applications newest first: {@code INBOX} to the actor's department, {@code OUTBOX} from it, {@code ALL} every
     * application for the bureau and auditors (both boxes for anyone else).
     */
    @Transactional
    public Result<List<ShareApplication>> list(Actor actor, Box box) {
        if (!policy.canSeeSharesOf(actor, actor.departmentId())) return AccessPolicy.denied("share applications");
        escalateOverdue();
        long dept = actor.departmentId();
        var sql = switch (box == null ? Box.ALL : box) {
            case INBOX -> db.sql(SELECT + " where provider_id = ? order by id desc").param(dept);
            case OUTBOX -> db.sql(SELECT + " where consumer_id = ? order by id desc").param(dept);
            case ALL -> policy.canSeeAllDepartments(actor)
                    ? db.sql(SELECT + " order by id desc")
                    : db.sql(SELECT + " where provider_id = ? or consumer_id = ? order by id desc").params(dept, dept);
        };
        return Result.ok(sql.query(ShareApplications::map).list().stream().map(this::read).toList());
    }

    /** Escalated applications waiting for the bureau, oldest due date first: the bureau's worklist. */
    @Transactional
    public Result<List<ShareApplication>> escalated(Actor actor) {
        if (!policy.canSeeAllDepartments(actor)) return AccessPolicy.denied("escalated share applications");
        escalateOverdue();
        return Result.ok(db.sql(SELECT + " where status = 'ESCALATED' order by due_date, id").query(ShareApplications::map)
                .list().stream().map(this::read).toList());
    }

    /** One application with its history, to the members of both departments, the bureau and auditors. */
    @Transactional
    public Result<ShareApplication> get(Actor actor, long id) {
        var found = find(id);
        if (found.isEmpty() || !visible(actor, found.get())) return Result.failure(Problem.notFound("EXCHANGE_APPLICATION_NOT_FOUND", id));
        var app = escalateIfOverdue(found.get(), LocalDate.now());
        return Result.ok(read(app).withHistory(history(id)));
    }

    /** Whether the actor could make this move now (the console shows only the buttons that would work). */
    public boolean canAct(Actor actor, ShareApplication app, ApplicationAction action) {
        return action.allowedFrom(app.status()) && mayAct(actor, action.party(), app);
    }

    private List<ApplicationEvent> history(long id) {
        return db.sql("""
                select id, action, from_status, to_status, actor, actor_department_code, at, note, due_date,
                       clear_l4_fields, justification
                from exchange_application_event where application_id = ? order by id""")
                .param(id).query((rs, n) -> new ApplicationEvent(rs.getLong("id"),
                        ApplicationAction.valueOf(rs.getString("action")),
                        rs.getString("from_status") == null ? null : Status.valueOf(rs.getString("from_status")),
                        Status.valueOf(rs.getString("to_status")), rs.getString("actor"),
                        rs.getString("actor_department_code"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("note"), rs.getObject("due_date", LocalDate.class),
                        List.of((String[]) rs.getArray("clear_l4_fields").getArray()), rs.getString("justification")))
                .list();
    }

    private boolean visible(Actor actor, ShareApplication app) {
        return policy.canSeeSharesOf(actor, app.providerId()) || policy.canSeeSharesOf(actor, app.consumerId());
    }

    private Optional<ShareApplication> find(long id) {
        return db.sql(SELECT + " where id = ?").param(id).query(ShareApplications::map).optional();
    }

    /** The countdown, worked out for today, while the provider's answer is awaited. */
    private ShareApplication read(ShareApplication a) {
        Integer left = null;
        boolean overdue = false;
        if (a.status() == Status.SUBMITTED && a.dueDate() != null) {
            var today = LocalDate.now();
            left = Math.max(workingDays.workingDaysLeft(today, a.dueDate()), 0);
            overdue = today.isAfter(a.dueDate());
        } else if (a.status() == Status.ESCALATED) {
            overdue = true;
        }
        return new ShareApplication(a.id(), a.resourceId(), a.resourceCode(), a.resourceName(), a.shareType(),
                a.providerId(), a.providerCode(), a.consumerId(), a.consumerCode(), a.fields(), a.purpose(),
                a.legalBasis(), a.periodFrom(), a.periodTo(), a.dailyCalls(), a.contactName(), a.contactPhone(),
                a.applicationIds(), a.status(), a.submittedBy(), a.submittedAt(), a.dueDate(), left, overdue,
                a.answer(), a.grantId(), null);
    }

    private java.util.Set<Long> exchangeClientsOf(long departmentId) {
        return applications.exchangeClientsOf(departmentId).stream().map(DepartmentApplications.Application::id)
                .collect(Collectors.toSet());
    }

    /** The masking rules an approver may choose for each asked field, with the default first chosen. */
    public record FieldChoice(FieldSpec field, List<String> rules, String defaultRule, boolean clearNeedsConfirmation) {}

    /** The approval form's rows: every asked field still in the catalog, with its fitting rules. */
    public Result<List<FieldChoice>> fieldChoices(Actor actor, long id) {
        return get(actor, id).flatMap(app -> catalog.get(PLATFORM, app.resourceId()).map(r -> r.metadata().fields().stream()
                .filter(f -> app.fields().contains(f.name()))
                .map(f -> {
                    var kind = ValueKind.valueOf(f.type().name());
                    String level = f.sensitivity() == null ? null : f.sensitivity().name();
                    return new FieldChoice(f,
                            MaskingChoices.offered(kind, level).stream().map(org.citydata.kernel.privacy.Masking::text).toList(),
                            MaskingChoices.defaultFor(kind, level).text(),
                            MaskingChoices.needsConfirmation(org.citydata.kernel.privacy.Masking.CLEAR, level));
                }).toList()));
    }

    private static ShareApplication map(ResultSet rs, int row) throws SQLException {
        return new ShareApplication(rs.getLong("id"), rs.getLong("resource_id"), rs.getString("resource_code"),
                rs.getString("resource_name"), ShareType.valueOf(rs.getString("share_type")), rs.getLong("provider_id"),
                rs.getString("provider_code"), rs.getLong("consumer_id"), rs.getString("consumer_code"),
                Arrays.asList((String[]) rs.getArray("fields").getArray()), rs.getString("purpose"),
                rs.getString("legal_basis"), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getInt("daily_calls"), rs.getString("contact_name"),
                rs.getString("contact_phone"), Grants.ids(rs, "application_ids"), Status.valueOf(rs.getString("status")),
                rs.getString("submitted_by"), rs.getObject("submitted_at", OffsetDateTime.class),
                rs.getObject("due_date", LocalDate.class), null, false, rs.getString("answer"),
                (Long) rs.getObject("grant_id"), null);
    }
}
