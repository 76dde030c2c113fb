package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.exchange.Sharing.apply;
import static org.citydata.exchange.Sharing.form;
import static org.citydata.exchange.Sharing.publish;

import java.time.LocalDate;
import org.citydata.platform.calendar.WorkingDays;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The 共享交换 console: the catalog's share button, the apply form, the boxes with their countdowns, answering, grants. */
class ExchangePagesTest extends WebTest {

    @Autowired
    JdbcClient db;

    @Autowired
    WorkingDays workingDays;

    private Http ga;
    private Http rs;
    private String code;

    @BeforeEach
    void aConditionalResource() {
        ga = signedIn("ga_officer");
        rs = signedIn("rs_officer");
        code = publish(rs, "3205RS", "CONDITIONAL", unique("参保人员"));
    }

    @Test
    void theCatalogPageOffersWhatTheShareTypeAllowsToOtherDepartmentsOfficers() {
        assertThat(ga.get("/resources/" + code).body()).contains("id=\"apply-share\"").contains("申请共享")
                .contains("/exchange/applications/new?resource=" + code);
        String open = publish(rs, "3205RS", "UNCONDITIONAL", unique("服务机构"));
        assertThat(ga.get("/resources/" + open).body()).contains("id=\"apply-share\"").contains("立即获取");
        String closed = publish(rs, "3205RS", "NONE", unique("参保明细"));
        var none = ga.get("/resources/" + closed).body();
        assertThat(none).doesNotContain("id=\"apply-share\"").contains("id=\"not-shareable\"");
        assertThat(ga.get("/exchange/applications/new?resource=" + closed).status()).isEqualTo(403);
        assertThat(rs.get("/exchange/applications/new?resource=" + code).status()).isEqualTo(400); // its own
        // the provider, and a member who cannot apply, get no button
        assertThat(rs.get("/resources/" + code).body()).doesNotContain("apply-share");
        assertThat(signedIn("ga_staff").get("/resources/" + code).body()).doesNotContain("apply-share");
    }

    @Test
    void theApplyFormShowsErrorsInPlaceAndSubmitsToTheOutboxWithItsCountdown() {
        assertThat(ga.get("/exchange/applications/new?resource=" + code).body()).contains("id=\"apply-form\"").contains("insured_name");
        var wrong = ga.formPairs("/exchange/applications", "resourceCode", code, "purpose", "核验身份", "periodFrom",
                LocalDate.now().toString(), "periodTo", "明年", "dailyCalls", "100", "contactName", "王海峰", "contactPhone", "0512-65225000");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"violations\"").contains("periodTo").contains("核验身份");
        var missing = ga.formPairs("/exchange/applications", "resourceCode", code, "purpose", "核验身份", "periodFrom",
                LocalDate.now().toString(), "periodTo", LocalDate.now().plusMonths(3).toString(), "dailyCalls", "100",
                "contactName", "王海峰", "contactPhone", "0512-65225000");
        assertThat(missing.body()).contains("fields").contains("必填");
        var sent = ga.formPairs("/exchange/applications", "resourceCode", code, "fields", "insured_id", "fields", "insured_name",
                "purpose", "核验身份", "legalBasis", "《社会保险法》", "periodFrom", LocalDate.now().toString(),
                "periodTo", LocalDate.now().plusMonths(3).toString(), "dailyCalls", "100", "contactName", "王海峰",
                "contactPhone", "0512-65225000");
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        String location = sent.header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var detail = ga.get("/exchange/applications/" + id).body();
        assertThat(detail).contains("待答复").contains("剩 10 个工作日").contains("id=\"withdraw-form\"").doesNotContain("id=\"approve-form\"");
        assertThat(ga.get("/exchange/applications?box=outbox").body()).contains("data-id=\"" + id + "\"");
    }

    @Test
    void theInboxCountsDownAndMarksWhatIsAboutToRunOutAndWhatRanOut() {
        long calm = apply(ga, form(code, "insured_id")).get("id").asLong();
        long soon = apply(ga, form(code, "insured_id")).get("id").asLong();
        long late = apply(ga, form(code, "insured_id")).get("id").asLong();
        db.sql("update exchange_application set due_date = ? where id = ?").params(workingDays.dueDate(LocalDate.now(), 2), soon).update();
        db.sql("update exchange_application set due_date = current_date - 1 where id = ?").param(late).update();
        var inbox = rs.get("/exchange/applications?box=inbox").body();
        assertThat(row(inbox, calm)).contains("badge due\"").contains("剩 10 个工作日");
        assertThat(row(inbox, soon)).contains("badge due-soon").contains("剩 2 个工作日");
        assertThat(row(inbox, late)).contains("badge overdue").contains("已逾期").contains("大数据局督办");
        var english = signedIn("rs_officer").english().get("/exchange/applications?box=inbox&lang=en").body();
        assertThat(english).contains("Inbox").contains("10 working days left");
        // the bureau's worklist
        var bureau = signedIn("dsj_admin").get("/exchange/escalated").body();
        assertThat(bureau).contains("id=\"escalated-table\"").contains("data-id=\"" + late + "\"");
        assertThat(ga.get("/exchange/escalated").status()).isEqualTo(403);
        var decide = signedIn("dsj_admin").get("/exchange/applications/" + late).body();
        assertThat(decide).contains("id=\"approve-form\"").contains("/decide").contains("id=\"return-form\"");
    }

    @Test
    void theProviderApprovesThroughTheFormWithMaskingPreviewsAndTheGrantIsListed() {
        long id = apply(ga, form(code, "insured_id", "insured_name", "insured_since")).get("id").asLong();
        var page = rs.get("/exchange/applications/" + id).body();
        assertThat(page).contains("id=\"approve-form\"").contains("id=\"refuse-form\"").contains("data-preview=")
                .contains("id=\"l4-confirmation\"").contains("id=\"mask-insured_name\"");
        var approved = rs.formPairs("/exchange/applications/" + id + "/approve", "grant", "insured_id", "grant", "insured_name",
                "mask.insured_id", "hash", "mask.insured_name", "keep(1,0)", "mask.insured_since", "clear",
                "validFrom", LocalDate.now().toString(), "validUntil", LocalDate.now().plusMonths(6).toString(),
                "ratePerMinute", "60", "dailyRowQuota", "1000");
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        var detail = rs.get("/exchange/applications/" + id).body();
        assertThat(detail).contains("已批准").contains("insured_name: keep(1,0)").contains("insured_id: hash").doesNotContain("insured_since: ");
        var grantsPage = rs.get("/exchange/grants?side=provided").body();
        assertThat(grantsPage).contains("insured_name: keep(1,0)").contains("暂停");
        assertThat(ga.get("/exchange/grants?side=received").body()).contains("insured_name: keep(1,0)").doesNotContain("暂停</button>");
        long grantId = rs.get("/api/v1/exchange/applications/" + id).json().get("grantId").asLong();
        var suspended = rs.formPairs("/exchange/grants/" + grantId + "/suspend", "reason", "核查");
        assertThat(suspended.status()).isEqualTo(302);
        assertThat(rs.get("/exchange/grants").body()).contains("已暂停").contains("核查");
    }

    @Test
    void anL4InClearWithoutConfirmationComesBackWithTheChoicesKept() {
        long id = apply(ga, form(code, "insured_id", "insured_name")).get("id").asLong();
        var refused = rs.formPairs("/exchange/applications/" + id + "/approve", "grant", "insured_id",
                "mask.insured_id", "clear", "mask.insured_name", "mask");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("须勾选确认").contains("selected=\"selected\">clear —");
        var reason = rs.formPairs("/exchange/applications/" + id + "/refuse", "reason", "");
        assertThat(reason.status()).isEqualTo(302);
        assertThat(rs.get("/exchange/applications/" + id).body()).contains("必填");
        assertThat(signedIn("sc_officer").get("/exchange/applications/" + id).status()).isEqualTo(404);
    }

    private static String row(String html, long id) {
        int start = html.indexOf("data-id=\"" + id + "\"");
        assertThat(start).as("row " + id).isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
