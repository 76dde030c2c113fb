package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

class DataConsoleTest extends BrowserTest {

    @Test
    void anOfficerUploadsAGbkFileWatchesTheRunAndSeesTheQuarantineAndTheNewVersion() throws Exception {
        var draft = with(valid(unique("流动人口居住登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 10, "L3", false)));
        String code = signedIn("ga_officer").post("/api/v1/resources", draft).json().get("code").asString();
        var csv = new StringBuilder("公民身份号码,姓名\n");
        for (int i = 1; i <= 200; i++) {
            String first17 = "32050819850505" + String.format("%03d", i);
            char check = ResidentIdNumber.checkCharacter(first17);
            if (i % 50 == 0) check = check == '1' ? '2' : '1'; // 4 bad rows of 200
            csv.append(first17).append(check).append(",居民").append(i).append('\n');
        }
        var file = Files.createTempFile("gbk-", ".csv");
        Files.write(file, csv.toString().getBytes(Charset.forName("GBK")));

        browser().signIn("ga_officer", DEMO_PASSWORD);
        browser().open("/resources/" + code);
        browser().click(By.id("resource-data"));
        browser().visible(By.id("data-file")).sendKeys(file.toString());
        browser().click(By.id("upload-submit"));

        // the run page polls until the run ends
        new WebDriverWait(browser().driver(), Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // htmx swaps the element while we read it
                .until(d -> !d.findElement(By.id("run-status")).getText().equals("进行中"));
        assertThat(browser().text(By.id("run-status"))).isEqualTo("成功");
        assertThat(browser().text(By.id("run-loaded"))).isEqualTo("196");
        assertThat(browser().text(By.id("run-rejected"))).isEqualTo("4");
        assertThat(browser().text(By.id("quarantine-table"))).contains("身份号码校验码错误").contains("51"); // line 51: row 50
        assertThat(browser().text(By.tagName("main"))).contains("GB18030");

        browser().click(By.linkText(browser().driver().findElement(By.cssSelector("h1 a")).getText()));
        assertThat(browser().text(By.id("version-table"))).contains("已生效").contains("196");
        assertThat(browser().text(By.id("preview-table"))).contains("居民1");
        Files.deleteIfExists(file);
    }
}
