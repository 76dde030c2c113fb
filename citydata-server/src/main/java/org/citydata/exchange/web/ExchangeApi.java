package org.citydata.exchange.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.citydata.exchange.ApplicationForm;
import org.citydata.exchange.Approval;
import org.citydata.exchange.Decision;
import org.citydata.exchange.Grant;
import org.citydata.exchange.GrantEvent;
import org.citydata.exchange.Grants;
import org.citydata.exchange.ShareApplication;
import org.citydata.exchange.ShareApplications;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/exchange")
@Tag(name = "exchange", description = "共享交换: share applications with their deadlines and history, and the grants they make")
class ExchangeApi {

    private final ShareApplications applications;
    private final Grants grants;
    private final Departments departments;

    ExchangeApi(ShareApplications applications, Grants grants, Departments departments) {
        this.applications = applications;
        this.grants = grants;
        this.departments = departments;
    }

    record ReasonBody(String reason) {}

    record NoteBody(String note) {}

    /** A grant as the API shows it: department codes, and each field's masking as its rule text. */
    record GrantView(long id, Long applicationId, String resourceCode, String resourceName, String providerCode,
                     String consumerCode, Map<String, String> fields, String purpose, LocalDate validFrom,
                     LocalDate validUntil, int ratePerMinute, long dailyRowQuota, Set<Long> applicationIds,
                     Grant.GrantStatus status, String statusReason, OffsetDateTime createdAt, List<GrantEvent> history) {}

    // ------------------------------------------------------------------ applications

    @PostMapping("/applications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Apply for another department's resource (officers of the asking department)",
            description = "Conditionally shared resources wait for the provider's answer within the deadline; unconditionally "
                    + "shared ones are approved at once (status APPROVED, grantId set); 不予共享 resources answer 403 EXCHANGE_NOT_SHAREABLE.")
    ShareApplication apply(Actor actor, @RequestBody ApplicationForm form) {
        return unwrap(applications.apply(actor, form));
    }

    @GetMapping("/applications")
    @Operation(summary = "Applications newest first: inbox (to my department), outbox (from it) or all (everything for the bureau and auditors)")
    List<ShareApplication> list(Actor actor, @Parameter(description = "inbox, outbox or all")
                                @RequestParam(defaultValue = "all") String role) {
        return unwrap(applications.list(actor, box(role)));
    }

    @GetMapping("/applications/{id}")
    @Operation(summary = "One application with its history (both departments, the bureau, auditors)")
    ShareApplication get(Actor actor, @PathVariable long id) {
        return unwrap(applications.get(actor, id));
    }

    @PostMapping("/applications/{id}/approve")
    @Operation(summary = "Approve (the provider's officers): fields with masking, validity, rate, quota, applications; makes the grant",
            description = "An empty body grants what was asked, each field at its sensitivity default. An L4 field in clear "
                    + "needs confirmClearL4: true and a clearJustification.")
    ShareApplication approve(Actor actor, @PathVariable long id, @RequestBody(required = false) Approval approval) {
        return unwrap(applications.approve(actor, id, approval));
    }

    @PostMapping("/applications/{id}/refuse")
    @Operation(summary = "Refuse (the provider's officers); reason required")
    ShareApplication refuse(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return unwrap(applications.refuse(actor, id, body == null ? null : body.reason()));
    }

    @PostMapping("/applications/{id}/withdraw")
    @Operation(summary = "Withdraw (the asking department's officers) while no answer is given; note optional")
    ShareApplication withdraw(Actor actor, @PathVariable long id, @RequestBody(required = false) NoteBody body) {
        return unwrap(applications.withdraw(actor, id, body == null ? null : body.note()));
    }

    @PostMapping("/applications/{id}/decide")
    @Operation(summary = "Decide an escalated application on the provider's behalf (the bureau)",
            description = "Body {outcome: APPROVE|REFUSE, reason, approval}: approval as for approve, reason required to refuse.")
    ShareApplication decide(Actor actor, @PathVariable long id, @RequestBody(required = false) Decision decision) {
        return unwrap(applications.decide(actor, id, decision));
    }

    @PostMapping("/applications/{id}/return")
    @Operation(summary = "Return an escalated application to the provider with a note and a fresh deadline (the bureau)")
    ShareApplication returnToProvider(Actor actor, @PathVariable long id, @RequestBody(required = false) NoteBody body) {
        return unwrap(applications.returnToProvider(actor, id, body == null ? null : body.note()));
    }

    // ------------------------------------------------------------------ grants

    @GetMapping("/grants")
    @Operation(summary = "Grants newest first: provided (my department's resources), received (what it holds) or all",
            description = "A department application (token with the EXCHANGE scope) gets the grants it may use today.")
    List<GrantView> grants(Actor actor, @Parameter(description = "provided, received or all")
                           @RequestParam(defaultValue = "all") String side) {
        if (actor.kind() == Actor.Kind.APPLICATION) return grants.usableBy(actor).stream().map(g -> view(g, null)).toList();
        return unwrap(grants.list(actor, side(side))).stream().map(g -> view(g, null)).toList();
    }

    @GetMapping("/grants/{id}")
    @Operation(summary = "One grant with its history")
    GrantView grant(Actor actor, @PathVariable long id) {
        return view(unwrap(grants.get(actor, id)), unwrap(grants.history(actor, id)));
    }

    @PostMapping("/grants/{id}/suspend")
    @Operation(summary = "Suspend (the provider's officers, the bureau); reason required; applications are refused at once")
    GrantView suspend(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(unwrap(grants.suspend(actor, id, body == null ? null : body.reason())), null);
    }

    @PostMapping("/grants/{id}/resume")
    @Operation(summary = "Resume a suspended grant; reason required")
    GrantView resume(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(unwrap(grants.resume(actor, id, body == null ? null : body.reason())), null);
    }

    @PostMapping("/grants/{id}/revoke")
    @Operation(summary = "Revoke for good; reason required")
    GrantView revoke(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(unwrap(grants.revoke(actor, id, body == null ? null : body.reason())), null);
    }

    private GrantView view(Grant g, List<GrantEvent> history) {
        var byId = departments.byId();
        var fields = new LinkedHashMap<String, String>();
        g.fields().forEach((name, rule) -> fields.put(name, rule.text()));
        return new GrantView(g.id(), g.applicationId(), g.resourceCode(), g.resourceName(), code(byId.get(g.providerId())),
                code(byId.get(g.consumerId())), fields, g.purpose(), g.validFrom(), g.validUntil(), g.ratePerMinute(),
                g.dailyRowQuota(), g.applicationIds(), g.status(), g.statusReason(), g.createdAt(), history);
    }

    private static String code(Department d) {
        return d == null ? null : d.code();
    }

    private static ShareApplications.Box box(String role) {
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "inbox" -> ShareApplications.Box.INBOX;
            case "outbox" -> ShareApplications.Box.OUTBOX;
            case "all" -> ShareApplications.Box.ALL;
            default -> throw new ProblemException(Problem.of(Problem.Kind.INVALID, "REQUEST_INVALID_PARAMETER", "role", role));
        };
    }

    private static Grants.Side side(String side) {
        return switch (side.strip().toLowerCase(Locale.ROOT)) {
            case "provided" -> Grants.Side.PROVIDED;
            case "received" -> Grants.Side.RECEIVED;
            case "all" -> Grants.Side.ALL;
            default -> throw new ProblemException(Problem.of(Problem.Kind.INVALID, "REQUEST_INVALID_PARAMETER", "side", side));
        };
    }
}
