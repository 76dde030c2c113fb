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

/** Replace, append and upsert by key: what each makes of the current version, and what each refuses. */
class LoadModeTest extends WebTest {

    private Http officer;
    private String code;

    @BeforeEach
    void aResourceWithFiveRows() {
        officer = signedIn("tj_officer");
        code = officer.post("/api/v1/resources", with(valid(unique("统计指标"), "3205TJ"), "fields", List.of(
                field("item", "指标代码", "STRING", 10, "L1", true),
                field("value", "指标值", "DECIMAL", null, "L1", false)))).json().get("code").asString();
        assertThat(load("item,value\nA,1\nB,2\nC,3\nD,4\nE,5\n", null).status()).isEqualTo(201);
    }

    private Http.Response load(String csv, String mode) {
        return officer.upload("/api/v1/resources/" + code + "/data/uploads", "指标.csv", csv.getBytes(StandardCharsets.UTF_8),
                mode == null ? Map.of() : Map.of("mode", mode));
    }

    private String rows() {
        return officer.get("/api/v1/resources/" + code + "/data/rows?size=50").json().get("rows").toString();
    }

    @Test
    void appendAddsRowsToTheCurrentVersion() {
        var r = load("item,value\nF,6\nG,7\n", "APPEND");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var latest = officer.get("/api/v1/resources/" + code + "/data/versions").json().get(0);
        assertThat(latest.get("rowCount").asLong()).isEqualTo(7);
        assertThat(latest.get("added").asLong()).isEqualTo(2);
        assertThat(latest.get("loadMode").asString()).isEqualTo("APPEND");
        assertThat(rows()).contains("\"A\"", "\"G\"");
    }

    @Test
    void appendingAnExistingKeyIsRefusedAndTheVersionStays() {
        var r = load("item,value\nF,6\nA,9\n", "APPEND");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("DATASTORE_DUPLICATE_KEY");
        assertThat(r.json().get("detail").asString()).contains("A");
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("total").asLong()).isEqualTo(5);
    }

    @Test
    void upsertReplacesRowsByKeyAndKeepsTheRest() {
        var r = load("item,value\nB,20\nF,6\n", "UPSERT");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var latest = officer.get("/api/v1/resources/" + code + "/data/versions").json().get(0);
        assertThat(latest.get("rowCount").asLong()).isEqualTo(6);
        assertThat(latest.get("added").asLong()).isEqualTo(1);
        assertThat(latest.get("changed").asLong()).isEqualTo(1);
        assertThat(latest.get("removed").asLong()).isZero();
        assertThat(rows()).contains("[\"B\",20]").contains("[\"A\",1]").doesNotContain("[\"B\",2]");
    }

    @Test
    void fieldsNamedAsAnyTableAliasAreComparedLikeAnyOther() {
        // the version comparison once read a field n or o as the whole row of its table alias: "ambiguous"
        String aliased = officer.post("/api/v1/resources", with(valid(unique("别名字段"), "3205TJ"), "fields", List.of(
                field("n", "编号", "STRING", 10, "L1", true),
                field("o", "取值", "INTEGER", null, "L1", false)))).json().get("code").asString();
        String path = "/api/v1/resources/" + aliased + "/data/uploads";
        assertThat(officer.upload(path, "a.csv", "n,o\nA,1\nB,2\n".getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(201);
        var replaced = officer.upload(path, "b.csv", "n,o\nA,1\nB,3\nC,4\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        var latest = officer.get("/api/v1/resources/" + aliased + "/data/versions").json().get(0);
        assertThat(List.of(latest.get("added").asLong(), latest.get("changed").asLong(), latest.get("removed").asLong()))
                .containsExactly(1L, 1L, 0L);
        var upserted = officer.upload(path, "c.csv", "n,o\nC,5\n".getBytes(StandardCharsets.UTF_8), Map.of("mode", "UPSERT"));
        assertThat(upserted.status()).as(upserted.body()).isEqualTo(201);
        assertThat(officer.get("/api/v1/resources/" + aliased + "/data/versions").json().get(0).get("changed").asLong()).isEqualTo(1);
    }

    @Test
    void duplicateKeysInAnUpsertAreRefusedNamingTheKey() {
        var r = load("item,value\nB,20\nB,21\n", "UPSERT");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("DATASTORE_DUPLICATE_KEY");
        assertThat(r.json().get("detail").asString()).contains("B");
        assertThat(rows()).contains("[\"B\",2]");
    }

    @Test
    void anUpsertThatChangesNothingMakesNoVersion() {
        var r = load("item,value\nB,2\n", "UPSERT");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().has("version")).isFalse();
        assertThat(officer.get("/api/v1/resources/" + code + "/data/versions").json().size()).isEqualTo(1);
    }

    @Test
    void uploadsUseTheSavedColumnMapping() {
        var mismatch = load("指标,数值,备注\nA,1,x\n", null);
        assertThat(mismatch.json().get("code").asString()).isEqualTo("INGEST_COLUMNS_MISMATCH");
        assertThat(mismatch.json().get("detail").asString()).contains("item（指标代码）").contains("备注");

        var saved = officer.put("/api/v1/resources/" + code + "/sources/file-mapping", Map.of("指标", "item", "数值", "value", "备注", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("kind").asString()).isEqualTo("FILE");
        var r = load("指标,数值,备注\nA,1,x\nZ,26,y\n", null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rowsLoaded").asLong()).isEqualTo(2);

        var wrong = officer.put("/api/v1/resources/" + code + "/sources/file-mapping", Map.of("指标", "nope"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("nope");
    }
}
