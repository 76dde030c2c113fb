package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The catalog console in a real browser: the form with its field editor, search, history and diff, permissions. */
class CatalogConsoleTest extends BrowserTest {

    @Test
    void anOfficerRegistersAResourceFindsItBySearchEditsItAndSeesTheChangeInHistoryAndDiff() {
        var b = browser().signIn("ga_officer", DEMO_PASSWORD);
        // smartcn segments 河道水位监测站点 into 河道/水位/监测站/点; the marker keeps the search to this one resource
        String marker = marker();
        String name = "河道水位监测站点" + marker;
        String summary = "全市河道水位监测站点的位置与水位读数，每月更新。" + marker;

        b.open("/resources/new");
        b.type(By.id("name"), name);
        b.select(By.id("theme"), "ENVIRONMENT");
        b.type(By.id("summary"), summary);
        b.type(By.id("tags"), "水位、水利");
        fillField(b, 1, "station_id", "站点编号", "STRING", "20"); // the first row is there; it is the key by default
        b.click(By.id("add-field"));
        fillField(b, 2, "water_level", "水位（米）", "DECIMAL", null);
        save(b);

        String code = b.text(By.id("resource-code"));
        assertThat(code).matches("306-3205GA-\\d{6}"); // 部门资源 + 生态环境, the provider, a sequence
        assertThat(b.text(By.id("resource-name"))).isEqualTo(name);
        assertThat(b.all(By.cssSelector("#field-table tbody tr"))).hasSize(2);

        b.open("/resources");
        b.type(By.id("q"), "水位 " + marker);
        b.click(By.id("search-submit"));
        String hit = "#results .hit[data-code='" + code + "']";
        b.until(ExpectedConditions.textToBe(By.id("hit-count"), "共 1 条"));
        assertThat(b.text(By.cssSelector(hit + " h3 a"))).isEqualTo(name);
        assertThat(b.driver().getCurrentUrl()).contains("/resources?q="); // htmx pushed the search into the address

        b.click(By.cssSelector(hit + " h3 a"));
        b.click(By.id("edit-resource"));
        b.visible(By.id("resource-form"));
        String newSummary = "全市河道水位监测站点的位置、水位与流量读数，每月更新。" + marker;
        b.type(By.id("summary"), newSummary);
        b.click(By.id("add-field"));
        fillField(b, 3, "flow_rate", "流量（立方米每秒）", "DECIMAL", null);
        save(b);

        b.until(ExpectedConditions.textToBe(By.id("resource-summary"), newSummary));
        assertThat(b.all(By.cssSelector("#field-table tbody tr"))).hasSize(3);
        assertThat(b.all(By.cssSelector("#history-table tbody tr"))).hasSize(2);
        var compare = b.all(By.cssSelector("#history-table a.diff-link"));
        assertThat(compare).hasSize(1);
        assertThat(compare.get(0).getText()).isEqualTo("比较");

        b.click(By.cssSelector("#history-table a.diff-link"));
        String changed = "#diff-properties tr[data-property='summary']";
        assertThat(b.text(By.cssSelector(changed + " td:first-child"))).isEqualTo("摘要");
        assertThat(b.text(By.cssSelector(changed + " .diff-before"))).isEqualTo(summary);
        assertThat(b.text(By.cssSelector(changed + " .diff-after"))).isEqualTo(newSummary);
        assertThat(b.all(By.cssSelector("#diff-properties tbody tr"))).hasSize(1);
        assertThat(b.text(By.cssSelector("#diff-fields tr[data-field='flow_rate']"))).contains("新增");
        assertThat(b.all(By.cssSelector("#diff-fields tbody tr"))).hasSize(1);
    }

    @Test
    void anOfficerOfAnotherDepartmentSeesAResourceReadOnlyAndIsRefusedItsEditForm() {
        var b = browser().signIn("rs_officer", DEMO_PASSWORD);
        b.open("/resources?provider=3205GA&status=PUBLISHED");
        String code = b.visible(By.cssSelector("#results .hit")).getAttribute("data-code");
        assertThat(code).contains("-3205GA-");

        b.click(By.cssSelector("#results .hit[data-code='" + code + "'] h3 a"));
        assertThat(b.text(By.id("resource-code"))).isEqualTo(code);
        assertThat(b.text(By.id("read-only"))).isEqualTo("您只能查看此资源：只有提供方部门的数据专员或平台管理员可以编辑。");
        assertThat(b.isAbsent(By.id("edit-resource"))).isTrue();
        assertThat(b.isAbsent(By.id("publish-resource"))).isTrue();

        b.open("/resources/" + code + "/edit");
        assertThat(b.text(By.cssSelector("main h1"))).isEqualTo("出错了 (403)");
        assertThat(b.isAbsent(By.id("resource-form"))).isTrue();
        // the browser does not show the status line; the same request over HTTP does
        assertThat(signedIn("rs_officer").get("/resources/" + code + "/edit").status()).isEqualTo(403);
    }

    /** Fills row {@code row} (1-based) of the field editor, waiting for it to exist first. */
    private static void fillField(Browser b, int row, String name, String label, String type, String length) {
        String tr = "#field-rows tr:nth-child(" + row + ") ";
        b.type(By.cssSelector(tr + "input[data-name='name']"), name);
        b.type(By.cssSelector(tr + "input[data-name='label']"), label);
        b.select(By.cssSelector(tr + "select[data-name='type']"), type);
        if (length != null) b.type(By.cssSelector(tr + "input[data-name='length']"), length);
    }

    /** Saves the form and waits for the detail page; a refused form fails the test with what the page said. */
    private static void save(Browser b) {
        b.click(By.id("save-resource"));
        b.until(d -> !d.findElements(By.cssSelector("#resource-code, #violations, #problem")).isEmpty());
        if (!b.isAbsent(By.cssSelector("#violations, #problem")))
            fail("the form was refused: " + b.text(By.cssSelector("#violations, #problem")));
    }

    /** Latin letters only: smartcn keeps a run of letters as one term, so the marker is one exact search word. */
    private static String marker() {
        var random = ThreadLocalRandom.current();
        var s = new StringBuilder("QX");
        for (int i = 0; i < 8; i++) s.append((char) ('A' + random.nextInt(26)));
        return s.toString();
    }
}
