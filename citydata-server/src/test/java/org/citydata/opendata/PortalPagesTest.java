package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal's pages as an anonymous visitor sees them, over HTTP. */
class PortalPagesTest extends WebTest {

    private String name;
    private String code;
    private long id;

    @BeforeEach
    void anOpenedDataset() {
        var rs = signedIn("rs_officer");
        name = unique("社区体检汇总");
        code = publish(rs, "3205RS", name, "OPEN");
        load(rs, code, csv(30, 23));
        var proposed = rs.post("/api/v1/openings", form(code, Map.of("sex", "clear", "district", "region(4)", "visits", "clear"),
                List.of("sex", "district"), 2));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        id = proposed.json().get("opening").get("id").asLong();
        assertThat(signedIn("dsj_admin").post("/api/v1/openings/" + id + "/approve", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void homeSearchAndDatasetPagesShowTheOpenedDataset() {
        var anyone = anonymous();
        var home = anyone.get("/open");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("城市公共数据开放平台", name, "id=\"chart-open-rate\"");

        var search = anyone.get("/open/datasets?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("data-code=\"" + code + "\"", "共 1 条");

        var page = anyone.get("/open/datasets/" + code);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(name, "id=\"dictionary\"", "行政区划保留前 4 位", "id=\"preview-table\"", "共 30 条",
                "/api/open/v1/datasets/" + code + "/download?format=csv");
        assertThat(page.body()).doesNotContain("data-field=\"person_id\"", "data-field=\"birth_date\"");
        // the openness score: the criteria, each shown met or not, and the share met
        var criteria = new LinkedHashMap<String, Boolean>();
        var m = Pattern.compile("<li (?=[^>]*class=\"(met|unmet)\")(?=[^>]*data-criterion=\"(\\w+)\")").matcher(page.body());
        while (m.find()) criteria.put(m.group(2), m.group(1).equals("met"));
        assertThat(criteria.keySet()).containsExactly("description", "documentation", "licence", "tags", "releaseDate", "formats",
                "updateCycle");
        assertThat(criteria).containsEntry("licence", true).containsEntry("formats", true).containsEntry("updateCycle", true);
        long met = criteria.values().stream().filter(b -> b).count();
        assertThat(page.body()).contains("id=\"score-percent\">" + Math.round(100.0 * met / 7) + "</b>", "注明开放许可协议");

        var filtered = anyone.get("/open/datasets/" + code + "?filter=sex:eq:" + URLEncoder.encode("女", StandardCharsets.UTF_8));
        assertThat(filtered.body()).contains("id=\"active-filters\"").doesNotContain("<td>男</td>");
        // a filter on a field not open in clear is refused in the preview, not as an error page
        var refused = anyone.get("/open/datasets/" + code + "?filter=district:eq:320505");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"preview-problem\"", "未以明文开放");

        assertThat(anyone.english().get("/open/datasets/" + code).body()).contains("Data dictionary", "Openness score");
    }

    @Test
    void anUnpublishedDatasetHasNoPage() {
        signedIn("rs_officer").post("/api/v1/openings/" + id + "/unpublish", Map.of("reason", "撤回"));
        var anyone = anonymous();
        assertThat(anyone.get("/open/datasets/" + code).status()).isEqualTo(404);
        assertThat(anyone.get("/open/datasets?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).body()).contains("共 0 条");
    }

    @Test
    void theDistributionCountsMaskedValues() {
        var d = anonymous().get("/api/open/v1/datasets/" + code + "/distribution?field=district");
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        var values = d.json().get("data").valueStream().toList();
        assertThat(values).hasSize(1); // three districts, generalized to one region
        assertThat(values.get(0).get("value").asString()).isEqualTo("320500");
        assertThat(values.get(0).get("rows").asLong()).isEqualTo(30);
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/distribution?field=person_id").status()).isEqualTo(403);
    }
}
