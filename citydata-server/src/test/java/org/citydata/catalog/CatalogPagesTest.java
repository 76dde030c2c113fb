package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

/** The console's server-rendered catalog pages, read as HTML (the browser tests drive them for real). */
class CatalogPagesTest extends WebTest {

    private static String anchorFor(String html, String facet, String value) {
        var block = html.substring(html.indexOf("data-facet=\"" + facet + "\""));
        var m = Pattern.compile("<a[^>]*href=\"([^\"]*)\"[^>]*data-value=\"" + value + "\"[^>]*>").matcher(block);
        return m.find() ? m.group(0) : "";
    }

    @Test
    void aFacetLinkSelectsAndASelectedOneUnselectsKeepingTheRest() {
        var staff = signedIn("ga_staff");
        var all = staff.get("/resources?q=%E4%BF%A1%E6%81%AF").body(); // 信息
        assertThat(anchorFor(all, "theme", "TRANSPORT")).contains("href=\"/resources?q=%E4%BF%A1%E6%81%AF&amp;theme=TRANSPORT\"");
        var selected = staff.get("/resources?q=%E4%BF%A1%E6%81%AF&theme=TRANSPORT&shareType=UNCONDITIONAL").body();
        var anchor = anchorFor(selected, "theme", "TRANSPORT");
        assertThat(anchor).contains("selected").contains("href=\"/resources?q=%E4%BF%A1%E6%81%AF&amp;shareType=UNCONDITIONAL\"");
        assertThat(selected).contains("id=\"clear-facets\"");
    }

    @Test
    void theOverviewHandsItsChartsTheirData() {
        var home = signedIn("dsj_auditor").get("/").body();
        assertThat(home).contains("id=\"chart-theme\"").contains("data-chart=").contains("echarts.min.js");
        assertThat(home).contains("人口"); // theme names in the pie's data
    }

    @Test
    void aForbiddenEditShowsTheErrorPageNotTheForm() {
        var code = signedIn("ga_officer").get("/api/v1/resources?provider=3205GA&status=PUBLISHED").json()
                .get("hits").get(0).get("code").asString();
        var page = signedIn("rs_officer").get("/resources/" + code + "/edit");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("id=\"error-message\"").doesNotContain("id=\"resource-form\"");
    }
}
