package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An anonymous visitor on the open-data portal, in a real browser: searches in Chinese, opens a dataset, filters the
 * preview, sees a column's chart and downloads the CSV, whose rows are the opened, masked data.
 */
class PortalVisitorTest extends BrowserTest {

    @Test
    void aVisitorSearchesOpensFiltersChartsAndDownloads() throws Exception {
        var rs = signedIn("rs_officer");
        String name = unique("公园游客满意度调查");
        var draft = org.citydata.support.Drafts.with(org.citydata.support.Drafts.with(org.citydata.support.Drafts.valid(name, "3205RS"),
                "openType", "OPEN"), "fields", List.of(
                org.citydata.support.Drafts.field("visitor_id", "证件号码", "STRING", 18, "L1", true),
                org.citydata.support.Drafts.field("park", "公园", "STRING", 20, "L1", false),
                org.citydata.support.Drafts.field("sex", "性别", "STRING", 2, "L1", false),
                org.citydata.support.Drafts.field("score", "满意度", "INTEGER", null, "L1", false)));
        String code = rs.post("/api/v1/resources", draft).json().get("code").asString();
        rs.post("/api/v1/resources/" + code + "/publish", Map.of());
        var csv = new StringBuilder("visitor_id,park,sex,score\n");
        String[] parks = {"拙政园", "留园", "虎丘"};
        for (int i = 0; i < 30; i++) {
            String first17 = "32050819900101" + String.format("%03d", i);
            csv.append(first17).append(ResidentIdNumber.checkCharacter(first17)).append(',').append(parks[i % 3]).append(',')
                    .append(i % 2 == 0 ? "女" : "男").append(',').append(1 + i % 5).append('\n');
        }
        var uploaded = rs.upload("/api/v1/resources/" + code + "/data/uploads", "visitors.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("mode", "REPLACE"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var proposed = rs.post("/api/v1/openings", Map.of("resourceCode", code,
                "fields", Map.of("park", "clear", "sex", "clear", "score", "clear"), "quasiIdentifiers", List.of("sex"), "k", 5));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("opening").get("id").asLong();
        assertThat(signedIn("dsj_admin").post("/api/v1/openings/" + id + "/approve", Map.of()).status()).isEqualTo(200);

        // searches in Chinese from the home page
        browser().open("/open");
        browser().type(By.id("home-q"), name);
        browser().click(By.cssSelector("#home-search button"));
        assertThat(browser().text(By.id("hit-count"))).isEqualTo("共 1 条");
        browser().click(By.linkText(name));
        assertThat(browser().text(By.id("dataset-name"))).isEqualTo(name);
        assertThat(browser().text(By.id("dictionary"))).contains("公园", "满意度").doesNotContain("证件号码");

        // filters the preview: 女 only
        browser().select(By.id("filter-field"), "sex");
        browser().select(By.id("filter-op"), "eq");
        browser().type(By.id("filter-value"), "女");
        browser().click(By.id("preview-apply"));
        assertThat(browser().text(By.id("active-filters"))).contains("sex:eq:女");
        assertThat(browser().text(By.id("preview-total"))).isEqualTo("共 15 条");
        assertThat(browser().all(By.cssSelector("#preview-table tbody tr"))).hasSize(15)
                .allSatisfy(row -> assertThat(row.getText()).contains("女").doesNotContain("男"));

        // a chart of the chosen column, drawn from the open API
        browser().select(By.id("chart-field"), "park");
        browser().present(By.cssSelector("#chart-distribution[data-drawn='park'] canvas"));

        // the CSV download: UTF-8 with a BOM, a header and the 30 opened rows, without the IDs
        browser().click(By.id("download-csv"));
        var file = browser().downloaded(code + "-v1.csv");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        var lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).strip().split("\r?\n");
        assertThat(lines[0]).isEqualTo("park,sex,score");
        assertThat(lines).hasSize(31);
        assertThat(Arrays.stream(lines).skip(1)).allSatisfy(l -> assertThat(l).matches("(拙政园|留园|虎丘),(男|女),[1-5]"));
    }

    @Test
    void aVisitorReadsTheOpenApisDescriptionWithoutSigningIn() {
        var b = browser().open("/open");
        b.click(By.id("portal-api-docs"));
        // Swagger UI, opened on the open API's own description: its operations, none of the platform's
        b.present(By.cssSelector(".opblock"));
        assertThat(b.present(By.cssSelector("#select option:checked")).getText()).isEqualTo("开放数据 API");
        var operations = b.all(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getAttribute("data-path")).toList();
        assertThat(operations).contains("/api/open/v1/datasets", "/api/open/v1/datasets/{code}/records", "/api/3/action/{action}");
        assertThat(operations).noneMatch(p -> p.startsWith("/api/v1/"));
        assertThat(b.driver().getCurrentUrl()).doesNotContain("/login");
    }
}
