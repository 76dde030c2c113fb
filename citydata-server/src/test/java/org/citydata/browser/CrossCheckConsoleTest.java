package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** 数据校核 in a real browser: an officer of the holding department runs a check and reads the conflicts. */
class CrossCheckConsoleTest extends BrowserTest {

    private static String id(int serial) {
        String first17 = "32050719800202" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String create(Http officer, String provider, String name, List<Map<String, Object>> fields, String csv) {
        String code = officer.post("/api/v1/resources", with(valid(unique(name), provider), "fields", fields)).json().get("code").asString();
        assertThat(officer.upload("/api/v1/resources/" + code + "/data/uploads", "d.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isEqualTo(201);
        return code;
    }

    @Test
    void anOfficerRunsACheckAndSeesTheConflictsWithBothSources() {
        String item = "person." + unique("name").toLowerCase();
        var ga = signedIn("ga_officer");
        String source = create(ga, "3205GA", "户籍人口", List.of(field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 50, "L3", false)), "id_number,name\n" + id(1) + ",王芳\n" + id(2) + ",李强\n" + id(3) + ",赵敏\n");
        ga.post("/api/v1/resources/" + source + "/authoritative-items", Map.of("item", item, "label", "居民姓名", "field", "name"));
        var rs = signedIn("rs_officer");
        String holder = create(rs, "3205RS", "参保人员", List.of(field("insured_id", "身份号码", "RESIDENT_ID", 18, "L4", true),
                field("insured_name", "姓名", "STRING", 50, "L3", false)), "insured_id,insured_name\n" + id(1) + ",王芳\n" + id(2) + ",李墙\n" + id(3) + ",赵敏 \n");
        rs.post("/api/v1/resources/" + holder + "/held-items", Map.of("item", item, "field", "insured_name"));

        var b = browser().signIn("rs_officer", DEMO_PASSWORD);
        b.click(By.id("nav-cross-checks"));
        b.select(By.id("run-item"), item);
        b.click(By.id("run-submit"));
        assertThat(b.text(By.id("stat-compared"))).isEqualTo("3");
        assertThat(b.text(By.id("stat-conflicts"))).isEqualTo("1"); // a trailing space is no conflict
        var rows = b.all(By.cssSelector("#conflict-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(id(2)).contains("李强").contains("李墙");
        assertThat(b.text(By.cssSelector("#conflict-table thead"))).contains("苏州市公安局").contains("苏州市人力资源和社会保障局");
    }
}
