package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The open API's dataset search and the portal's 数据目录: facets, a facet filter, sorting and paging. */
class OpenApiSearchTest extends WebTest {

    private String opened(Http officer, String department, String name) {
        String code = publish(officer, department, name, "OPEN");
        load(officer, code, csv(30, 5));
        var proposed = officer.post("/api/v1/openings", form(code, Map.of("sex", "clear", "district", "region(4)", "visits", "clear"),
                List.of("sex", "district"), 2));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("opening").get("id").asLong();
        assertThat(signedIn("dsj_admin").post("/api/v1/openings/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        return code;
    }

    private static List<String> codes(JsonNode answer) {
        return answer.get("data").valueStream().map(h -> h.get("code").asString()).toList();
    }

    private static long count(JsonNode answer, String facet, String value) {
        return answer.get("meta").get("facets").get(facet).valueStream().filter(f -> f.get("value").asString().equals(value))
                .mapToLong(f -> f.get("count").asLong()).sum();
    }

    @Test
    void facetsCountFiltersNarrowAndSortsOrderTheFoundDatasets() {
        String word = unique("检索体检");
        String a = opened(signedIn("rs_officer"), "3205RS", word + " A");
        String b = opened(signedIn("ga_officer"), "3205GA", word + " B");
        var anyone = anonymous();
        String q = URLEncoder.encode(word, StandardCharsets.UTF_8);

        var both = anyone.get("/api/open/v1/datasets?q=" + q).json();
        assertThat(both.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(codes(both)).containsExactlyInAnyOrder(a, b);
        assertThat(count(both, "provider", "3205RS")).isEqualTo(1);
        assertThat(count(both, "provider", "3205GA")).isEqualTo(1);
        assertThat(count(both, "theme", "HEALTH")).isEqualTo(2);
        assertThat(count(both, "openType", "OPEN")).isEqualTo(2);

        // a facet narrows, and says it is selected
        var ga = anyone.get("/api/open/v1/datasets?q=" + q + "&provider=3205GA").json();
        assertThat(codes(ga)).containsExactly(b);
        assertThat(ga.get("meta").get("facets").get("provider").valueStream()
                .filter(f -> f.get("value").asString().equals("3205GA")).findFirst().orElseThrow().get("selected").asBoolean()).isTrue();
        assertThat(codes(anyone.get("/api/open/v1/datasets?q=" + q + "&openType=CONDITIONAL").json())).isEmpty();

        // sorted by name, by newest; paged
        assertThat(codes(anyone.get("/api/open/v1/datasets?q=" + q + "&sort=name").json())).containsExactly(a, b);
        assertThat(codes(anyone.get("/api/open/v1/datasets?q=" + q + "&sort=newest").json())).containsExactly(b, a);
        var second = anyone.get("/api/open/v1/datasets?q=" + q + "&sort=name&size=1&page=1").json();
        assertThat(codes(second)).containsExactly(b);
        assertThat(second.get("meta").get("total").asLong()).isEqualTo(2);

        // the portal's catalog page: the same facet and sort as links
        var page = anyone.get("/open/datasets?q=" + q + "&provider=3205GA&sort=name");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-code=\"" + b + "\"", "共 1 条").doesNotContain("data-code=\"" + a + "\"");
    }
}
