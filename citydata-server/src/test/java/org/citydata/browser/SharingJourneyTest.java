package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole sharing journey, as the people in it live it: 公安局 applies for three fields of 人社局's conditionally
 * shared resource, 人社局 grants two of them masked, 公安局's application reads one person's record under that grant,
 * 人社局 revokes it and the next read is refused — and that person, not signed in to anything, sees both the read and
 * the refusal, with the department and the purpose, each provably in the signed access log.
 */
class SharingJourneyTest extends BrowserTest {

    private static final String PURPOSE = "X-Citydata-Purpose";
    private static final String WHY = "办理户籍迁移时核验参保状态";
    private static final String GA = "苏州市公安局";

    /** Resident IDs of this test alone: born 1979-08-21 in 昆山 (320583). */
    private static String id(int serial) {
        String first17 = "32058319790821" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @Test
    void aDepartmentAppliesIsGrantedTwoMaskedFieldsReadsARecordIsRevokedAndThePersonSeesBothAccesses() {
        // 1. 人社局 has a conditionally shared resource with data loaded (set up over its API)
        var rs = signedIn("rs_officer");
        String name = unique("参保人员");
        var created = rs.post("/api/v1/resources", with(with(valid(name, "3205RS"), "shareType", "CONDITIONAL"), "fields", List.of(
                field("insured_id", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("insured_name", "姓名", "STRING", 50, "L3", false),
                field("insured_since", "参保日期", "DATE", null, "L2", false),
                field("mobile", "手机号码", "MOBILE", 11, "L3", false))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        assertThat(rs.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);
        String person = id(3);
        String csv = "insured_id,insured_name,insured_since,mobile\n"
                + id(1) + ",陆建国,2015-07-01,13912340001\n"
                + id(2) + ",周慧敏,2018-03-15,13912340002\n"
                + person + ",沈嘉怡,2020-09-01,13912340003\n";
        var upload = rs.upload("/api/v1/resources/" + code + "/data/uploads", "insured.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("mode", "REPLACE"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);

        // 2. 公安局's officer applies from the resource's page for three of its four fields
        LocalDate from = LocalDate.now();
        LocalDate to = from.plusMonths(6);
        var b = browser().signIn("ga_officer", DEMO_PASSWORD);
        b.open("/resources/" + code);
        b.click(By.id("apply-share"));
        b.visible(By.id("apply-form"));
        for (String f : List.of("insured_id", "insured_name", "mobile")) b.click(By.id("field-" + f));
        b.type(By.id("purpose"), WHY);
        b.type(By.id("legal-basis"), "《中华人民共和国户口登记条例》第十条");
        b.date(By.id("period-to"), to);
        b.type(By.id("daily-calls"), "500");
        b.type(By.id("contact-name"), "王海峰");
        b.type(By.id("contact-phone"), "0512-65225000");
        b.click(By.id("apply-submit"));
        assertThat(b.text(By.id("notice"))).contains("申请已提交");
        assertThat(b.text(By.id("application-status"))).isEqualTo("待答复");
        assertThat(b.text(By.id("application-fields"))).contains("insured_id").contains("insured_name").contains("mobile")
                .doesNotContain("insured_since");
        assertThat(b.text(By.tagName("main"))).contains(from + " — " + to).contains("王海峰 · 0512-65225000");
        String url = b.driver().getCurrentUrl();
        String applicationId = url.substring(url.lastIndexOf('/') + 1);

        // 3. 人社局's officer finds it in the inbox with its countdown, and grants the ID (format-preserving
        //    pseudonym) and the name (first character kept), leaving the mobile number out
        browser().forgetSession();
        b = browser().signIn("rs_officer", DEMO_PASSWORD);
        b.click(By.id("nav-exchange"));
        String inboxRow = "#application-table tr[data-id='" + applicationId + "']";
        assertThat(b.text(By.cssSelector(inboxRow))).contains(name).contains(GA);
        assertThat(b.text(By.cssSelector(inboxRow + " [data-countdown]"))).isEqualTo("剩 10 个工作日");
        b.click(By.cssSelector(inboxRow + " a.application-link"));
        b.visible(By.id("approve-form"));
        assertThat(b.text(By.id("application-requester"))).isEqualTo(GA);
        assertThat(b.text(By.tagName("main"))).contains(WHY);
        b.click(By.id("grant-mobile"));
        b.select(By.id("mask-insured_name"), "keep(1,0)");
        b.until(ExpectedConditions.textToBe(By.id("preview-insured_name"), "欧***"));
        b.select(By.id("mask-insured_id"), "fpe");
        b.until(d -> ResidentIdNumber.isValid(d.findElement(By.id("preview-insured_id")).getText().strip()));
        assertThat(b.driver().findElement(By.id("grant-mobile")).isSelected()).isFalse();
        b.screenshot(Path.of("/tmp/e2e-approval.png"));
        b.click(By.id("approve-submit"));
        assertThat(b.text(By.id("notice"))).contains("已批准");
        assertThat(b.text(By.id("application-status"))).isEqualTo("已批准");
        assertThat(b.all(By.cssSelector("#grant-fields li")).stream().map(WebElement::getText))
                .containsExactly("insured_id: fpe", "insured_name: keep(1,0)");

        // 4. 公安局's application, with a token its administrator issued, looks the person up under the grant
        var issued = signedIn("ga_admin").post("/api/v1/tokens", Map.of("name", "户籍迁移核验系统", "departmentCode", "3205GA",
                "scopes", List.of("EXCHANGE"), "validDays", 30));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        var app = withToken(issued.json().get("secret").asString());
        String lookup = "/api/v1/exchange/resources/" + code + "/records/" + person;
        var read = app.get(lookup, PURPOSE, enc(WHY));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        var record = read.json().get("record");
        assertThat(record.propertyNames()).containsExactly("insured_id", "insured_name");
        assertThat(record.get("insured_name").asString()).isEqualTo("沈**");
        String pseudonym = record.get("insured_id").asString();
        assertThat(pseudonym).isNotEqualTo(person);
        assertThat(ResidentIdNumber.isValid(pseudonym)).as("fpe keeps the format, check character included").isTrue();
        var notGranted = app.get(lookup + "?fields=insured_name,mobile", PURPOSE, enc(WHY));
        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.json().get("code").asString()).isEqualTo("EXCHANGE_FIELD_NOT_GRANTED");
        assertThat(notGranted.json().get("detail").asString()).contains("mobile");

        // 5. 人社局's officer revokes the grant on the grants page, giving a reason
        b.click(By.id("tab-grants"));
        String grantRow = "#grant-table tr[data-resource='" + code + "']";
        assertThat(b.text(By.cssSelector(grantRow + " .grant-status"))).isEqualTo("有效");
        String grantId = b.present(By.cssSelector(grantRow)).getDomAttribute("data-id");
        b.type(By.id("grant-reason-" + grantId), "户籍迁移核验改由省平台办理");
        b.click(By.id("grant-revoke-" + grantId));
        assertThat(b.text(By.id("notice"))).isEqualTo("授权 #" + grantId + " 已撤销。");
        assertThat(b.text(By.cssSelector(grantRow + " .grant-status"))).isEqualTo("已撤销");
        assertThat(b.text(By.cssSelector(grantRow + " .grant-status-reason"))).isEqualTo("户籍迁移核验改由省平台办理");
        assertThat(b.isAbsent(By.id("grant-revoke-" + grantId))).isTrue();

        // 6. the same lookup is refused from the next request on
        var refused = app.get(lookup, PURPOSE, enc(WHY));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("EXCHANGE_GRANT_REVOKED");

        // 7. the person, signed in to nothing, follows the login page's link and sees who looked them up and why
        browser().forgetSession();
        b.open("/login");
        b.click(By.id("subject-link"));
        b.type(By.id("subject-id"), person);
        b.click(By.id("subject-submit"));
        assertThat(b.text(By.id("subject-me"))).contains(person.substring(0, 6) + "********" + person.substring(14));
        var rows = b.all(By.cssSelector("#subject-records tbody tr"));
        // newest first: the refusal after revocation, the refused ask for the mobile number, the allowed read
        assertThat(rows).extracting(r -> r.getDomAttribute("data-outcome")).containsExactly("DENIED", "DENIED", "ALLOWED");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.findElement(By.className("access-department")).getText()).isEqualTo(GA);
            assertThat(r.findElement(By.className("access-purpose")).getText()).isEqualTo(WHY);
            assertThat(r.getText()).contains(name);
        });
        assertThat(rows.get(0).findElement(By.className("access-outcome")).getText()).isEqualTo("被拒绝");
        assertThat(rows.get(2).findElement(By.className("access-outcome")).getText()).isEqualTo("已读取");
        assertThat(rows.get(2).findElement(By.className("access-fields")).getText()).isEqualTo("insured_id, insured_name");
        assertThat(b.text(By.tagName("main"))).doesNotContain(person); // the page never shows the number in full
        b.screenshot(Path.of("/tmp/e2e-person.png"));

        // … and opens the allowed read: its inclusion proof checks out once a tree head is signed (every second here)
        String allowed = rows.get(2).getDomAttribute("id");
        b.click(By.cssSelector("#" + allowed + " a.access-proof"));
        b.until(d -> {
            if (!d.findElements(By.id("proof-verdict")).isEmpty()) return true;
            d.navigate().refresh();
            return false;
        });
        assertThat(b.text(By.id("proof-verdict"))).contains("验证通过");
        assertThat(b.text(By.tagName("main"))).contains(GA).contains(WHY).contains("已读取");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
