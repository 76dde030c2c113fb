package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.exchange.Sharing.actions;
import static org.citydata.exchange.Sharing.apply;
import static org.citydata.exchange.Sharing.form;
import static org.citydata.exchange.Sharing.publish;
import static org.citydata.exchange.Sharing.violationCodes;
import static org.citydata.exchange.Sharing.with;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.citydata.platform.calendar.WorkingDays;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 共享申请 as a state machine: the public security bureau (公安局) asks the human resources bureau (人社局) for a
 * conditionally shared resource; every allowed move, a forbidden one, the deadline in working days, escalation to the
 * bureau (大数据局) when it passes, and who may do what.
 */
class ShareApplicationTest extends WebTest {

    @Autowired
    JdbcClient db;

    @Autowired
    WorkingDays workingDays;

    private Http ga;
    private Http rs;
    private Http bureau;
    private String code;

    @BeforeEach
    void aConditionalResourceOfTheHumanResourcesBureau() {
        ga = signedIn("ga_officer");
        rs = signedIn("rs_officer");
        bureau = signedIn("dsj_admin");
        code = publish(rs, "3205RS", "CONDITIONAL", unique("参保人员"));
    }

    private JsonNode submitted() {
        return apply(ga, form(code, "insured_id", "insured_name", "insured_since"));
    }

    private Http.Response post(Http who, long id, String action, Object body) {
        return who.post("/api/v1/exchange/applications/" + id + "/" + action, body);
    }

    private JsonNode get(Http who, long id) {
        var r = who.get("/api/v1/exchange/applications/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private void overdue(long id) {
        db.sql("update exchange_application set due_date = current_date - 1 where id = ?").param(id).update();
    }

    @Test
    void aSubmissionWaitsForTheProviderWithADueDateTenWorkingDaysAhead() {
        var a = submitted();
        var today = LocalDate.now();
        var due = workingDays.dueDate(today, 10);
        assertThat(a.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(a.get("dueDate").asString()).isEqualTo(due.toString());
        assertThat(a.get("workingDaysLeft").asInt()).isEqualTo(workingDays.workingDaysLeft(today, due)).isEqualTo(10);
        assertThat(a.get("overdue").asBoolean()).isFalse();
        assertThat(a.get("providerCode").asString()).isEqualTo("3205RS");
        assertThat(a.get("consumerCode").asString()).isEqualTo("3205GA");
        assertThat(a.get("fields").valueStream().map(JsonNode::asString)).containsExactly("insured_id", "insured_name", "insured_since");
        var read = get(ga, a.get("id").asLong());
        assertThat(actions(read)).containsExactly("SUBMIT");
        var step = read.get("history").get(0);
        assertThat(step.get("actor").asString()).isEqualTo("ga_officer");
        assertThat(step.get("actorDepartmentCode").asString()).isEqualTo("3205GA");
        assertThat(step.get("to").asString()).isEqualTo("SUBMITTED");
        assertThat(step.get("dueDate").asString()).isEqualTo(due.toString());
        // the due date is stored as counted on the day of submission
        assertThat(db.sql("select due_date from exchange_application where id = ?").param(a.get("id").asLong())
                .query(LocalDate.class).single()).isEqualTo(due);
    }

    @Test
    void workingDaysSkipWeekends() {
        // Friday 20 November 2026 + 10 working days: two weekends later, Friday 4 December (no holidays fall between)
        assertThat(workingDays.dueDate(LocalDate.of(2026, 11, 20), 10)).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 4))).isEqualTo(5);
        assertThat(workingDays.workingDaysLeft(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 4))).isNegative();
    }

    @Test
    void theProviderApprovesOnceAndTheGrantIsMade() {
        long id = submitted().get("id").asLong();
        var approved = post(rs, id, "approve", Map.of("note", "同意共享"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("grantId").isNull()).isFalse();
        assertThat(approved.json().has("workingDaysLeft")).isFalse(); // the countdown ends with the answer
        var read = get(ga, id);
        assertThat(actions(read)).containsExactly("SUBMIT", "APPROVE");
        assertThat(read.get("history").get(1).get("actor").asString()).isEqualTo("rs_officer");
        assertThat(read.get("history").get(1).get("note").asString()).isEqualTo("同意共享");

        // a forbidden move: an answered application cannot be answered again, nor withdrawn
        var again = post(rs, id, "approve", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("EXCHANGE_BAD_TRANSITION");
        assertThat(post(rs, id, "refuse", Map.of("reason", "x")).json().get("code").asString()).isEqualTo("EXCHANGE_BAD_TRANSITION");
        assertThat(post(ga, id, "withdraw", Map.of()).status()).isEqualTo(409);
        assertThat(actions(get(ga, id))).containsExactly("SUBMIT", "APPROVE");
    }

    @Test
    void aRefusalNeedsAReasonWhichTheRequesterSees() {
        long id = submitted().get("id").asLong();
        var noReason = post(rs, id, "refuse", Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asString()).isEqualTo("EXCHANGE_INVALID_ANSWER");
        assertThat(violationCodes(noReason)).containsExactly("reason:required");
        var refused = post(rs, id, "refuse", Map.of("reason", "申请用途与所需信息项不相符"));
        assertThat(refused.json().get("status").asString()).isEqualTo("REFUSED");
        var read = get(ga, id);
        assertThat(read.get("answer").asString()).isEqualTo("申请用途与所需信息项不相符");
        assertThat(actions(read)).containsExactly("SUBMIT", "REFUSE");
        assertThat(read.has("grantId")).isFalse();
    }

    @Test
    void theRequesterWithdrawsBeforeAnAnswer() {
        long id = submitted().get("id").asLong();
        var withdrawn = post(ga, id, "withdraw", Map.of("note", "业务调整"));
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(post(rs, id, "approve", Map.of()).status()).isEqualTo(409);
        assertThat(actions(get(rs, id))).containsExactly("SUBMIT", "WITHDRAW");
    }

    @Test
    void anOverdueApplicationIsEscalatedWhenReadAndTheBureauDecidesItOnTheProvidersBehalf() {
        long id = submitted().get("id").asLong();
        overdue(id);
        var read = get(ga, id);
        assertThat(read.get("status").asString()).isEqualTo("ESCALATED");
        assertThat(read.get("overdue").asBoolean()).isTrue();
        assertThat(actions(read)).containsExactly("SUBMIT", "ESCALATE");
        assertThat(read.get("history").get(1).get("actor").asString()).isEqualTo("system");
        // the provider missed its chance: the application is the bureau's now
        var late = post(rs, id, "approve", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asString()).isEqualTo("EXCHANGE_BAD_TRANSITION");
        assertThat(bureau.get("/api/v1/exchange/applications?role=all").json().valueStream()
                .filter(a -> a.get("id").asLong() == id).findFirst().orElseThrow().get("status").asString()).isEqualTo("ESCALATED");

        var decided = post(bureau, id, "decide", Map.of("outcome", "APPROVE",
                "approval", Map.of("fields", Map.of("insured_id", "", "insured_name", "keep(1,0)"))));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("APPROVED");
        var history = get(rs, id);
        assertThat(actions(history)).containsExactly("SUBMIT", "ESCALATE", "DECIDE_APPROVE");
        var step = history.get("history").get(2);
        assertThat(step.get("actor").asString()).isEqualTo("dsj_admin");
        assertThat(step.get("actorDepartmentCode").asString()).isEqualTo("3205DSJ");
        var grant = rs.get("/api/v1/exchange/grants/" + decided.json().get("grantId").asLong()).json();
        assertThat(grant.get("fields").propertyNames()).containsExactly("insured_id", "insured_name");
        assertThat(grant.get("history").get(0).get("actor").asString()).isEqualTo("dsj_admin");
    }

    @Test
    void theScheduledCheckEscalatesAnOverdueApplicationNobodyReads() throws InterruptedException {
        long id = submitted().get("id").asLong();
        overdue(id);
        // no read: only the job (every second in tests) can move it
        String status = "SUBMITTED";
        for (long until = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < until && !status.equals("ESCALATED"); ) {
            Thread.sleep(200);
            status = db.sql("select status from exchange_application where id = ?").param(id).query(String.class).single();
        }
        assertThat(status).isEqualTo("ESCALATED");
        assertThat(db.sql("select actor from exchange_application_event where application_id = ? and action = 'ESCALATE'")
                .param(id).query(String.class).list()).containsExactly("system");
    }

    @Test
    void theBureauRefusesOnTheProvidersBehalfWithAReason() {
        long id = submitted().get("id").asLong();
        overdue(id);
        get(ga, id);
        var noReason = post(bureau, id, "decide", Map.of("outcome", "REFUSE"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(violationCodes(noReason)).containsExactly("reason:required");
        assertThat(post(bureau, id, "decide", Map.of()).status()).isEqualTo(400); // no outcome
        var refused = post(bureau, id, "decide", Map.of("outcome", "REFUSE", "reason", "申请事项不属于申请部门职责"));
        assertThat(refused.json().get("status").asString()).isEqualTo("REFUSED");
        assertThat(actions(get(ga, id))).containsExactly("SUBMIT", "ESCALATE", "DECIDE_REFUSE");
    }

    @Test
    void theBureauReturnsAnEscalatedApplicationToTheProviderWithAFreshDeadline() {
        long id = submitted().get("id").asLong();
        overdue(id);
        get(ga, id);
        assertThat(violationCodes(post(bureau, id, "return", Map.of()))).containsExactly("note:required");
        var returned = post(bureau, id, "return", Map.of("note", "请人社局在新期限内答复"));
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        var due = workingDays.dueDate(LocalDate.now(), 10);
        assertThat(returned.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(returned.json().get("dueDate").asString()).isEqualTo(due.toString());
        assertThat(returned.json().get("overdue").asBoolean()).isFalse();
        var read = get(rs, id);
        assertThat(actions(read)).containsExactly("SUBMIT", "ESCALATE", "RETURN");
        assertThat(read.get("history").get(2).get("note").asString()).isEqualTo("请人社局在新期限内答复");
        assertThat(read.get("history").get(2).get("dueDate").asString()).isEqualTo(due.toString());
        // back with the provider, who answers now
        assertThat(post(rs, id, "approve", Map.of()).json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(actions(get(rs, id))).containsExactly("SUBMIT", "ESCALATE", "RETURN", "APPROVE");
    }

    @Test
    void anEscalatedApplicationCanStillBeWithdrawnButNotReturnedOrDecidedTwice() {
        long id = submitted().get("id").asLong();
        overdue(id);
        get(ga, id);
        assertThat(post(ga, id, "withdraw", Map.of()).json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(post(bureau, id, "return", Map.of("note", "x")).status()).isEqualTo(409);
        assertThat(post(bureau, id, "decide", Map.of("outcome", "APPROVE")).status()).isEqualTo(409);
        // decide and return belong to escalated applications only
        long fresh = submitted().get("id").asLong();
        assertThat(post(bureau, fresh, "decide", Map.of("outcome", "APPROVE")).json().get("code").asString()).isEqualTo("EXCHANGE_BAD_TRANSITION");
        assertThat(post(bureau, fresh, "return", Map.of("note", "x")).status()).isEqualTo(409);
    }

    @Test
    void anUnconditionalResourceIsGrantedAtOnceWithTheSameHistory() {
        String open = publish(rs, "3205RS", "UNCONDITIONAL", unique("人力资源服务机构"));
        // no legal basis needed for what is shared unconditionally
        var a = apply(ga, with(form(open, "insured_id", "insured_name", "insured_since"), "legalBasis", null));
        assertThat(a.get("status").asString()).isEqualTo("APPROVED");
        assertThat(a.has("dueDate")).isFalse();
        var read = get(ga, a.get("id").asLong());
        assertThat(actions(read)).containsExactly("SUBMIT", "AUTO_APPROVE");
        assertThat(read.get("history").get(1).get("actor").asString()).isEqualTo("system");
        var grant = ga.get("/api/v1/exchange/grants/" + a.get("grantId").asLong()).json();
        // each field at its sensitivity default: L4 resident ID hashed, L3 name masked, L2 date in clear
        assertThat(grant.get("fields").get("insured_id").asString()).isEqualTo("hash");
        assertThat(grant.get("fields").get("insured_name").asString()).isEqualTo("mask");
        assertThat(grant.get("fields").get("insured_since").asString()).isEqualTo("clear");
        assertThat(grant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(grant.get("consumerCode").asString()).isEqualTo("3205GA");
    }

    @Test
    void aResourceNotSharedTakesNoApplicationsAndNobodyAppliesForTheirOwn() {
        String closed = publish(rs, "3205RS", "NONE", unique("参保人员明细"));
        var none = ga.post("/api/v1/exchange/applications", form(closed, "insured_id"));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("code").asString()).isEqualTo("EXCHANGE_NOT_SHAREABLE");
        assertThat(none.json().get("detail").asString()).contains(closed).contains("不予共享");
        var own = rs.post("/api/v1/exchange/applications", form(code, "insured_id"));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().get("code").asString()).isEqualTo("EXCHANGE_OWN_RESOURCE");
        // another department's draft does not exist for the requester
        var draft = rs.post("/api/v1/resources", org.citydata.support.Drafts.valid(unique("草稿"), "3205RS")).json().get("code").asString();
        assertThat(violationCodes(ga.post("/api/v1/exchange/applications", form(draft, "id_number")))).containsExactly("resourceCode:resource.unknown");
    }

    @Test
    void everyInvalidInputIsReportedWithItsPlaceAndCode() {
        var body = form(code, "insured_id", "no_such_field", "insured_id");
        body = with(body, "purpose", " ");
        body = with(body, "legalBasis", null);
        body = with(body, "periodFrom", LocalDate.now().plusDays(10).toString());
        body = with(body, "periodTo", LocalDate.now().plusDays(5).toString());
        body = with(body, "dailyCalls", 0);
        body = with(body, "contactName", "");
        body = with(body, "contactPhone", "电话");
        body = with(body, "applicationIds", List.of(999_999_999));
        var r = ga.post("/api/v1/exchange/applications", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("EXCHANGE_INVALID_APPLICATION");
        assertThat(violationCodes(r)).containsExactlyInAnyOrder("fields[1]:field.unknown", "fields[2]:field.duplicate",
                "purpose:required", "legalBasis:required", "periodTo:period.order", "dailyCalls:range",
                "contactName:required", "contactPhone:phone", "applicationIds[0]:application.unknown");
        var empty = ga.post("/api/v1/exchange/applications", Map.of());
        assertThat(violationCodes(empty)).contains("resourceCode:required", "fields:required", "periodFrom:required",
                "periodTo:required", "dailyCalls:required", "contactPhone:required");
        var past = ga.post("/api/v1/exchange/applications", with(with(form(code, "insured_id"), "periodFrom", "2020-01-01"), "periodTo", "2020-12-31"));
        assertThat(violationCodes(past)).containsExactly("periodTo:period.past");
        assertThat(r.json().get("violations").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void onlyTheRightPeopleActAndOthersLearnNothing() {
        long id = submitted().get("id").asLong();
        var staff = signedIn("ga_staff");
        var sc = signedIn("sc_officer");
        var auditor = signedIn("dsj_auditor");
        // a plain member cannot apply; an officer of an uninvolved department cannot even see the application
        assertThat(staff.post("/api/v1/exchange/applications", form(code, "insured_id")).status()).isEqualTo(403);
        var hidden = sc.get("/api/v1/exchange/applications/" + id);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(code);
        assertThat(post(sc, id, "approve", Map.of()).status()).isEqualTo(404);
        assertThat(post(sc, id, "withdraw", Map.of()).status()).isEqualTo(404);
        assertThat(sc.get("/api/v1/exchange/applications?role=all").json().valueStream().map(a -> a.get("id").asLong())).doesNotContain(id);
        // the wrong side of the application
        assertThat(post(ga, id, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(post(ga, id, "refuse", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(post(rs, id, "withdraw", Map.of()).status()).isEqualTo(403);
        assertThat(post(staff, id, "withdraw", Map.of()).status()).isEqualTo(403);
        assertThat(post(auditor, id, "approve", Map.of()).status()).isEqualTo(403);
        assertThat(post(bureau, id, "approve", Map.of()).status()).isEqualTo(403); // the bureau decides only what is escalated
        overdue(id);
        get(ga, id);
        assertThat(post(rs, id, "decide", Map.of("outcome", "APPROVE")).status()).isEqualTo(403);
        assertThat(post(auditor, id, "return", Map.of("note", "x")).status()).isEqualTo(403);
        assertThat(post(ga, id, "return", Map.of("note", "x")).status()).isEqualTo(403);
        // members of both departments, the bureau and auditors read it
        for (var reader : List.of(staff, ga, rs, bureau, auditor)) assertThat(get(reader, id).get("status").asString()).isEqualTo("ESCALATED");
        // nothing changed through all of it but the escalation
        assertThat(actions(get(ga, id))).containsExactly("SUBMIT", "ESCALATE");
    }

    @Test
    void inboxAndOutboxShowEachDepartmentItsSide() {
        long id = submitted().get("id").asLong();
        assertThat(ids(rs, "inbox")).contains(id);
        assertThat(ids(rs, "outbox")).doesNotContain(id);
        assertThat(ids(ga, "outbox")).contains(id);
        assertThat(ids(ga, "inbox")).doesNotContain(id);
        assertThat(ids(bureau, "all")).contains(id);
        assertThat(ids(signedIn("sc_officer"), "all")).doesNotContain(id);
        assertThat(ga.get("/api/v1/exchange/applications?role=sideways").status()).isEqualTo(400);
        var token = Sharing.token(signedIn("ga_admin"), "3205GA", "EXCHANGE");
        assertThat(withToken(token.getValue()).get("/api/v1/exchange/applications").status()).isEqualTo(403);
    }

    private List<Long> ids(Http who, String role) {
        var r = who.get("/api/v1/exchange/applications?role=" + role);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().map(a -> a.get("id").asLong()).toList();
    }
}
