package org.citydata.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 数据汇聚 on the console, read as HTML: the figures are the API's, the departments furthest behind come first. */
class GovernancePagesTest extends WebTest {

    private static String percent(JsonNode rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate.get("percent").asDouble());
    }

    /** A published public security resource with data, so that at least one rate is not 0. */
    private void publishOneWithData() {
        var officer = signedIn("ga_officer");
        var code = officer.post("/api/v1/resources", with(valid(unique("流动人口"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 50, "L3", false)))).json().get("code").asString();
        assertThat(officer.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);
        String first17 = "32050619900101001";
        var csv = "id_number,name\n" + first17 + ResidentIdNumber.checkCharacter(first17) + ",居民1\n";
        assertThat(officer.upload("/api/v1/resources/" + code + "/data/uploads", "p.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isEqualTo(201);
    }

    @Test
    void theCollectionPageShowsTheApisFiguresLowestRateFirst() {
        publishOneWithData();
        var staff = signedIn("wj_staff"); // aggregate numbers: any signed-in person may look
        var api = staff.get("/api/v1/collection-rate").json();
        var page = staff.get("/governance/collection");
        assertThat(page.status()).isEqualTo(200);
        var html = page.body();

        assertThat(html).contains("id=\"city-rate\">" + percent(api.get("city")) + "<")
                .contains("id=\"city-published\">" + api.get("city").get("published").asLong() + "<")
                .contains("id=\"city-collected\">" + api.get("city").get("collected").asLong() + "<");
        assertThat(api.get("departments").valueStream().anyMatch(d -> d.get("collected").asLong() > 0)).isTrue();
        for (var d : api.get("departments")) {
            String code = d.get("departmentCode").asString();
            int at = html.indexOf("data-department=\"" + code + "\"");
            assertThat(at).as(code).isPositive();
            var row = html.substring(at, html.indexOf("</tr>", at));
            assertThat(row).as(code).containsPattern("data-published[^>]*>" + d.get("published").asLong() + "<")
                    .containsPattern("data-collected[^>]*>" + d.get("collected").asLong() + "<")
                    .containsPattern("data-rate[^>]*>" + Pattern.quote(percent(d)) + "<");
        }
        var expectedOrder = api.get("departments").valueStream()
                .sorted(Comparator.<JsonNode>comparingDouble(d -> d.get("percent").asDouble())
                        .thenComparing(d -> d.get("departmentCode").asString()))
                .map(d -> d.get("departmentCode").asString()).toList();
        assertThat(Pattern.compile("data-department=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList())
                .isEqualTo(expectedOrder);
        assertThat(html).contains("id=\"chart-collection-city\"").contains("id=\"chart-collection-departments\"")
                .contains("data-chart=").contains("echarts.min.js").contains("苏州市公安局");
    }

    @Test
    void itSpeaksEnglishAndNeedsASignIn() {
        assertThat(signedIn("wj_staff").english().get("/governance/collection").body())
                .contains("City collection rate").contains("Suzhou Municipal Public Security Bureau");
        var anonymous = anonymous().get("/governance/collection");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/login");
    }
}
