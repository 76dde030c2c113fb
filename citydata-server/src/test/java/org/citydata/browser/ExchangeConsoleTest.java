package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 共享交换 in a real browser: the public security bureau's officer applies for a conditionally shared resource of the
 * human resources bureau from its catalog page; that bureau's officer grants two of the three fields, one of them
 * masked, and the grant shows on both sides.
 */
class ExchangeConsoleTest extends BrowserTest {

    @Test
    void anOfficerAppliesAndTheProvidersOfficerGrantsTwoOfThreeFieldsWithMasking() {
        var rs = signedIn("rs_officer");
        String name = unique("参保人员");
        var created = rs.post("/api/v1/resources", with(valid(name, "3205RS"), "fields", List.of(
                field("insured_id", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("insured_name", "姓名", "STRING", 50, "L3", false),
                field("insured_since", "参保日期", "DATE", null, "L2", false))));
        String code = created.json().get("code").asString();
        assertThat(rs.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);

        // 公安局 applies from the catalog page
        var b = browser().signIn("ga_officer", DEMO_PASSWORD);
        b.open("/resources/" + code);
        assertThat(b.text(By.id("apply-share"))).isEqualTo("申请共享");
        b.click(By.id("apply-share"));
        b.visible(By.id("apply-form"));
        for (String f : List.of("insured_id", "insured_name", "insured_since")) b.click(By.id("field-" + f));
        b.type(By.id("purpose"), "办理户籍迁移时核验参保状态");
        b.type(By.id("legal-basis"), "《江苏省公共数据管理办法》第二十条");
        b.type(By.id("daily-calls"), "500");
        b.type(By.id("contact-phone"), "0512-65225000");
        b.click(By.id("apply-submit"));
        assertThat(b.text(By.id("application-status"))).isEqualTo("待答复");
        assertThat(b.text(By.id("application-countdown"))).isEqualTo("剩 10 个工作日");
        assertThat(b.text(By.id("notice"))).contains("申请已提交");
        String url = b.driver().getCurrentUrl();
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(b.isAbsent(By.id("approve-form"))).isTrue();

        // 人社局 finds it in the inbox and grants the resident ID (hashed) and the name (first character kept)
        browser().forgetSession();
        b = browser().signIn("rs_officer", DEMO_PASSWORD);
        b.click(By.id("nav-exchange"));
        b.visible(By.id("application-table"));
        assertThat(b.text(By.cssSelector("#application-table tr[data-id='" + id + "'] [data-countdown]"))).isEqualTo("剩 10 个工作日");
        b.click(By.cssSelector("#application-table tr[data-id='" + id + "'] a.application-link"));
        b.visible(By.id("approve-form"));
        assertThat(b.text(By.id("preview-insured_name"))).isEqualTo("****"); // L3 text: masked by default
        assertThat(b.text(By.id("preview-insured_id"))).hasSize(16);        // L4 resident ID: a hash
        b.click(By.id("grant-insured_since"));                             // not granted
        b.select(By.id("mask-insured_name"), "keep(1,0)");
        b.until(ExpectedConditions.textToBe(By.id("preview-insured_name"), "欧***"));
        b.click(By.id("approve-submit"));
        assertThat(b.text(By.id("application-status"))).isEqualTo("已批准");
        var granted = b.all(By.cssSelector("#grant-fields li")).stream().map(WebElement::getText).toList();
        assertThat(granted).containsExactly("insured_id: hash", "insured_name: keep(1,0)");
        assertThat(b.text(By.id("history"))).contains("提交申请").contains("批准").contains("rs_officer");

        b.click(By.id("tab-grants"));
        var row = b.text(By.cssSelector("#grant-table tr[data-resource='" + code + "']"));
        assertThat(row).contains(name).contains("insured_name: keep(1,0)").contains("有效").doesNotContain("insured_since");

        // and 公安局 sees what it holds
        browser().forgetSession();
        b = browser().signIn("ga_officer", DEMO_PASSWORD);
        b.open("/exchange/grants?side=received");
        assertThat(b.text(By.cssSelector("#grant-table tr[data-resource='" + code + "']"))).contains("insured_id: hash");
    }
}
