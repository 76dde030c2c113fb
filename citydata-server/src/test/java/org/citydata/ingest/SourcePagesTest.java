package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's source pages: the form and its errors, the list, the connection test, mapping after a mismatch. */
class SourcePagesTest extends WebTest {

    private Http officer;
    private String code;

    @BeforeEach
    void aResource() {
        officer = signedIn("hb_officer");
        code = officer.post("/api/v1/resources", with(valid(unique("排污许可"), "3205HB"), "fields", List.of(
                field("item", "许可证编号", "STRING", 20, "L1", true),
                field("value", "排放量", "DECIMAL", null, "L1", false)))).json().get("code").asString();
    }

    @Test
    void aDatabaseSourceIsAddedCheckedAndListed() {
        assertThat(officer.get("/resources/" + code + "/sources/new?kind=JDBC").body()).contains("JDBC URL").contains("增量字段");

        var wrong = officer.formPairs("/resources/" + code + "/sources", "kind", "JDBC", "name", "环保库", "mode", "REPLACE",
                "jdbcUrl", "jdbc:postgresql://127.0.0.1:1/hbj", "jdbcQuery", "delete from pw", "jdbcWatermark", "updated_at");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("查询须是单条 SELECT").contains("增量同步须用").contains("delete from pw");

        var saved = officer.formPairs("/resources/" + code + "/sources", "kind", "JDBC", "name", "环保库", "mode", "REPLACE",
                "jdbcUrl", "jdbc:postgresql://127.0.0.1:1/hbj", "jdbcUsername", "reader", "secret", "pw-123", "jdbcTable", "pw_permit",
                "mapColumn", "xkzbh", "mapField", "item", "mapColumn", "", "mapField", "");
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        var page = officer.get("/resources/" + code + "/data").body();
        assertThat(page).contains("环保库").contains("测试连接").contains("立即同步");
        long id = officer.get("/api/v1/resources/" + code + "/sources").json().get(0).get("id").asLong();
        assertThat(officer.get("/api/v1/sources/" + id).json().get("mapping").get("xkzbh").asString()).isEqualTo("item");

        var check = officer.formPairs("/sources/" + id + "/test");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).contains("连接失败").contains("无法连接采集源");

        // the edit form keeps the password unless a new one is typed
        assertThat(officer.get("/sources/" + id + "/edit").body()).contains("已保存（留空则不变）");
        assertThat(signedIn("ga_officer").get("/sources/" + id + "/edit").status()).isEqualTo(404);
    }

    @Test
    void anUploadWhoseColumnsDoNotFitOffersTheMappingAndTheNextUploadUsesIt() throws Exception {
        byte[] csv = "许可证,排放量（吨）,备注\nHB-001,1.5,x\nHB-002,2,y\n".getBytes(StandardCharsets.UTF_8);
        var started = officer.upload("/resources/" + code + "/data/upload", "排污.csv", csv, Map.of());
        String runPage = started.header("Location").replaceFirst("^https?://[^/]+", "");
        String body = "";
        for (int i = 0; i < 50 && !body.contains("mapping-form"); i++) {
            Thread.sleep(100);
            body = officer.get(runPage).body();
        }
        assertThat(body).contains("mapping-form").contains("许可证").contains("备注");
        long runId = Long.parseLong(runPage.replaceAll(".*/", ""));

        var mapped = officer.formPairs("/data/runs/" + runId + "/mapping", "code", code,
                "mapColumn", "许可证", "mapField", "item", "mapColumn", "排放量（吨）", "mapField", "value", "mapColumn", "备注", "mapField", "");
        assertThat(mapped.status()).isEqualTo(302);
        assertThat(officer.get(mapped.header("Location").replaceFirst("^https?://[^/]+", "")).body()).contains("列映射已保存");

        var again = officer.upload("/api/v1/resources/" + code + "/data/uploads", "排污.csv", csv, Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("rowsLoaded").asLong()).isEqualTo(2);
    }
}
