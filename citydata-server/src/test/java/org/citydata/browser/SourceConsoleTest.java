package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class SourceConsoleTest extends BrowserTest {

    @Test
    void anOfficerAddsADatabaseSourceAndTestsItsConnection() {
        String code = signedIn("jt_officer").post("/api/v1/resources", with(valid(unique("公交站点"), "3205JT"), "fields", List.of(
                field("stop_id", "站点编号", "STRING", 20, "L1", true),
                field("stop_name", "站点名称", "STRING", 50, "L1", false)))).json().get("code").asString();

        browser().signIn("jt_officer", DEMO_PASSWORD);
        browser().open("/resources/" + code + "/data");
        browser().click(By.id("add-jdbc"));
        browser().type(By.name("name"), "公交库");
        browser().type(By.name("jdbcUrl"), "jdbc:postgresql://127.0.0.1:1/jtj"); // nothing listens there
        browser().type(By.name("jdbcUsername"), "reader");
        browser().type(By.name("secret"), "pw");
        browser().type(By.name("jdbcTable"), "bus_stop");
        browser().click(By.id("source-save"));

        assertThat(browser().text(By.id("notice"))).contains("公交库");
        assertThat(browser().text(By.id("source-table"))).contains("公交库").contains("数据库").contains("替换（全量）");
        browser().click(By.xpath("//table[@id='source-table']//button[contains(., '测试连接')]"));
        // the result is fetched by htmx (with the session's CSRF token) and shown under the table
        assertThat(browser().visible(By.cssSelector(".source-check")).getText()).contains("连接失败").contains("无法连接采集源");
    }
}
