package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class PiiConsoleTest extends BrowserTest {

    private static String fieldRow(String name) {
        return "//table[@id='field-table']//tr[td/code[text()='" + name + "']]";
    }

    @Test
    void anOfficerDetectsPersonalDataOnTheDataPageAdjustsALevelAndConfirms() {
        var officer = signedIn("ga_officer");
        String code = officer.post("/api/v1/resources", with(valid(unique("窗口办件登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "STRING", 18, "L1", true),
                field("mobile", "联系电话", "STRING", 11, "L1", false),
                field("item", "办理事项", "STRING", 20, "L1", false)))).json().get("code").asString();
        var csv = new StringBuilder("id_number,mobile,item\n");
        for (int i = 1; i <= 30; i++) {
            String first17 = "32050619770707" + String.format("%03d", i);
            csv.append(first17).append(ResidentIdNumber.checkCharacter(first17)).append(",139").append(String.format("%08d", i))
                    .append(",居住证申领\n");
        }
        assertThat(officer.upload("/api/v1/resources/" + code + "/data/uploads", "办件.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(201);

        var b = browser().signIn("ga_officer", DEMO_PASSWORD);
        b.open("/resources/" + code + "/data");
        b.click(By.id("pii-scan"));
        b.visible(By.id("pii-proposals"));
        assertThat(b.all(By.cssSelector("#pii-proposals tbody tr"))).hasSize(2); // not 办理事项
        String mobile = "#pii-proposals tr[data-field='mobile']";
        assertThat(b.text(By.cssSelector(mobile))).contains("手机号码").contains("100%").contains("139****0001").contains("keep(3,4)");
        assertThat(b.text(By.cssSelector("#pii-proposals tr[data-field='id_number']"))).contains("公民身份号码").contains("hash");
        assertThat(b.visible(By.id("apply-mobile")).isSelected()).isTrue(); // raising a level is ticked for the officer

        b.select(By.id("level-id_number"), "L3"); // the officer settles on less than proposed, knowingly
        b.click(By.id("pii-confirm"));

        assertThat(b.text(By.id("notice"))).contains("已更新 2 个信息项的分级");
        assertThat(b.text(By.xpath(fieldRow("id_number")))).contains("L3 敏感");
        assertThat(b.text(By.xpath(fieldRow("mobile")))).contains("L3 敏感");
        assertThat(b.text(By.xpath(fieldRow("item")))).contains("L1 公开");
        assertThat(b.all(By.cssSelector("#history-table tbody tr"))).hasSize(2);
    }
}
