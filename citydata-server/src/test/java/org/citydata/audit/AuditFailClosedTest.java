package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A read whose access record cannot be stored does not happen: no rows, 503 AUDIT_UNAVAILABLE. */
class AuditFailClosedTest extends WebTest {

    @Autowired
    JdbcClient db;

    @Test
    void whenTheLogCannotBeWrittenTheReadIsRefusedWithoutRows() {
        var officer = signedIn("ga_officer");
        var created = officer.post("/api/v1/resources", with(valid(unique("留痕失败测试"), "3205GA"), "fields", List.of(
                field("id", "编号", "STRING", 10, "L2", true), field("name", "姓名", "STRING", 20, "L3", false))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        var loaded = officer.upload("/api/v1/resources/" + code + "/data/uploads", "p.csv",
                "id,name\nP01,张三\nP02,李四\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").status()).isEqualTo(200);

        db.sql("""
                create function audit_test_refuse() returns trigger language plpgsql as $$
                begin raise exception 'the disk is full (test)'; end $$""").update();
        db.sql("create trigger audit_test_refuse before insert on audit_record for each row execute function audit_test_refuse()").update();
        try {
            var refused = officer.get("/api/v1/resources/" + code + "/data/rows");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().get("code").asString()).isEqualTo("AUDIT_UNAVAILABLE");
            assertThat(refused.body()).doesNotContain("张三").doesNotContain("P01");
            assertThat(refused.json().has("rows")).isFalse();
            var export = officer.get("/api/v1/resources/" + code + "/data/export?format=csv");
            assertThat(export.status()).isEqualTo(503);
            assertThat(export.body()).doesNotContain("张三");
        } finally {
            db.sql("drop trigger audit_test_refuse on audit_record").update();
            db.sql("drop function audit_test_refuse()").update();
        }
        var again = officer.get("/api/v1/resources/" + code + "/data/rows");
        assertThat(again.status()).as("the log recovers by itself").isEqualTo(200);
        assertThat(again.body()).contains("张三");
    }
}
