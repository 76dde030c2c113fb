package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.exchange.Sharing.apply;
import static org.citydata.exchange.Sharing.form;
import static org.citydata.exchange.Sharing.publish;
import static org.citydata.exchange.Sharing.violationCodes;
import static org.citydata.exchange.Sharing.with;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approving: fewer fields than asked, a masking rule per field that fits its type (the sensitivity default unless
 * chosen otherwise), validity within the asked period, rate and quota, applications — and L4 never in clear without an
 * explicit, justified confirmation that the history keeps.
 */
class ApprovalTest extends WebTest {

    private Http ga;
    private Http rs;
    private String code;
    private long id;

    @BeforeEach
    void anApplicationForThreeFields() {
        ga = signedIn("ga_officer");
        rs = signedIn("rs_officer");
        code = publish(rs, "3205RS", "CONDITIONAL", unique("参保人员"));
        id = apply(ga, form(code, "insured_id", "insured_name", "insured_since", "mobile")).get("id").asLong();
    }

    private Http.Response approve(Object body) {
        return rs.post("/api/v1/exchange/applications/" + id + "/approve", body);
    }

    private JsonNode grantOf(Http.Response approved) {
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return rs.get("/api/v1/exchange/grants/" + approved.json().get("grantId").asLong()).json();
    }

    private static Map<String, Object> fields(String... nameThenRule) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < nameThenRule.length; i += 2) m.put(nameThenRule[i], nameThenRule[i + 1]);
        return Map.of("fields", m);
    }

    @Test
    void theProviderGrantsFewerFieldsEachWithItsMasking() {
        var grant = grantOf(approve(fields("insured_name", "keep(1,0)", "insured_id", "", "mobile", "keep(3,4)")));
        // the catalog's order, whatever the approver's; a blank rule takes the sensitivity default (L4 resident ID: hash)
        assertThat(grant.get("fields").propertyNames()).containsExactly("insured_id", "insured_name", "mobile");
        assertThat(grant.get("fields").get("insured_name").asString()).isEqualTo("keep(1,0)");
        assertThat(grant.get("fields").get("insured_id").asString()).isEqualTo("hash");
        assertThat(grant.get("fields").get("mobile").asString()).isEqualTo("keep(3,4)");
        assertThat(grant.get("purpose").asString()).isEqualTo("办理社会保险待遇资格认证时核验申请人身份");
        assertThat(grant.get("validFrom").asString()).isEqualTo(LocalDate.now().toString());
        assertThat(grant.get("validUntil").asString()).isEqualTo(LocalDate.now().plusYears(1).toString());
        assertThat(grant.get("ratePerMinute").asInt()).isEqualTo(600);
        assertThat(grant.get("dailyRowQuota").asLong()).isEqualTo(100_000);
        assertThat(grant.get("providerCode").asString()).isEqualTo("3205RS");
        assertThat(grant.get("consumerCode").asString()).isEqualTo("3205GA");
        assertThat(grant.get("applicationId").asLong()).isEqualTo(id);
        assertThat(grant.get("history").get(0).get("action").asString()).isEqualTo("CREATE");
    }

    @Test
    void anApprovalAsAskedMasksL3AndL4ByDefault() {
        var grant = grantOf(approve(Map.of()));
        assertThat(grant.get("fields").propertyNames()).containsExactly("insured_id", "insured_name", "insured_since", "mobile");
        assertThat(grant.get("fields").get("insured_id").asString()).isEqualTo("hash");
        assertThat(grant.get("fields").get("insured_name").asString()).isEqualTo("mask");
        assertThat(grant.get("fields").get("insured_since").asString()).isEqualTo("clear");
        assertThat(grant.get("fields").get("mobile").asString()).isEqualTo("keep(3,4)");
    }

    @Test
    void validityRateQuotaAndApplicationsAreTheApproversWithinWhatWasAsked() {
        var gaAdmin = signedIn("ga_admin");
        var first = Sharing.token(gaAdmin, "3205GA", "EXCHANGE");
        var second = Sharing.token(gaAdmin, "3205GA", "EXCHANGE");
        var body = new LinkedHashMap<String, Object>();
        body.put("validFrom", LocalDate.now().plusDays(1).toString());
        body.put("validUntil", LocalDate.now().plusMonths(6).toString());
        body.put("ratePerMinute", 60);
        body.put("dailyRowQuota", 5000);
        body.put("applicationIds", List.of(first.getKey()));
        var grant = grantOf(approve(body));
        assertThat(grant.get("validFrom").asString()).isEqualTo(LocalDate.now().plusDays(1).toString());
        assertThat(grant.get("validUntil").asString()).isEqualTo(LocalDate.now().plusMonths(6).toString());
        assertThat(grant.get("ratePerMinute").asInt()).isEqualTo(60);
        assertThat(grant.get("dailyRowQuota").asLong()).isEqualTo(5000);
        assertThat(grant.get("applicationIds").valueStream().map(JsonNode::asLong)).containsExactly(first.getKey());
        assertThat(second.getKey()).isNotEqualTo(first.getKey());
    }

    @Test
    void termsBeyondTheApplicationAreRefusedWithTheirPlaces() {
        var body = new LinkedHashMap<String, Object>();
        body.put("fields", new LinkedHashMap<>(Map.of("insured_name", "year", "insured_since", "fpe", "mobile", "keep(x)")));
        body.put("validFrom", LocalDate.now().minusDays(1).toString());
        body.put("validUntil", LocalDate.now().plusYears(2).toString());
        body.put("ratePerMinute", 0);
        body.put("dailyRowQuota", -1);
        body.put("applicationIds", List.of(123_456_789));
        var r = approve(body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("EXCHANGE_INVALID_APPROVAL");
        assertThat(violationCodes(r)).containsExactlyInAnyOrder("fields.insured_name:masking.unfit",
                "fields.insured_since:masking.unfit", "fields.mobile:masking.arguments", "validFrom:validity.outside",
                "validUntil:validity.outside", "ratePerMinute:range", "dailyRowQuota:range", "applicationIds[0]:application.unknown");
        // a field that was not asked for, and an unknown rule
        var other = apply(ga, form(code, "insured_name"));
        var notAsked = rs.post("/api/v1/exchange/applications/" + other.get("id").asLong() + "/approve",
                fields("insured_name", "blur", "insured_id", ""));
        assertThat(violationCodes(notAsked)).containsExactlyInAnyOrder("fields.insured_name:masking.unknown", "fields.insured_id:field.not_asked");
        assertThat(violationCodes(approve(Map.of("fields", Map.of())))).containsExactly("fields:required");
        // nothing was granted by any of it
        assertThat(rs.get("/api/v1/exchange/applications/" + id).json().get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void anL4FieldInClearNeedsAConfirmationAndAJustificationWhichTheHistoryKeeps() {
        var unconfirmed = approve(fields("insured_id", "clear", "insured_name", "clear"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(violationCodes(unconfirmed)).containsExactlyInAnyOrder("confirmClearL4:masking.l4_clear_unconfirmed",
                "clearJustification:required");
        var noReason = approve(with(with(fields("insured_id", "clear"), "confirmClearL4", true), "clearJustification", " "));
        assertThat(violationCodes(noReason)).containsExactly("clearJustification:required");

        // L3 in clear is the approver's call alone; L4 in clear is confirmed and justified in writing
        var body = with(with(fields("insured_id", "clear", "insured_name", "clear"), "confirmClearL4", true),
                "clearJustification", "公安机关办理刑事案件需核验完整身份号码（《刑事诉讼法》第五十四条）");
        var grant = grantOf(approve(body));
        assertThat(grant.get("fields").get("insured_id").asString()).isEqualTo("clear");
        assertThat(grant.get("fields").get("insured_name").asString()).isEqualTo("clear");
        var step = rs.get("/api/v1/exchange/applications/" + id).json().get("history").get(1);
        assertThat(step.get("action").asString()).isEqualTo("APPROVE");
        assertThat(step.get("clearL4Fields").valueStream().map(JsonNode::asString)).containsExactly("insured_id");
        assertThat(step.get("justification").asString()).contains("刑事诉讼法");
    }

    @Test
    void aConfirmationWithoutAnL4FieldInClearRecordsNothing() {
        var body = with(with(fields("insured_id", "keep(6,4)"), "confirmClearL4", true), "clearJustification", "无需");
        grantOf(approve(body));
        var step = rs.get("/api/v1/exchange/applications/" + id).json().get("history").get(1);
        assertThat(step.get("clearL4Fields").isEmpty()).isTrue();
        assertThat(step.has("justification")).isFalse();
    }
}
