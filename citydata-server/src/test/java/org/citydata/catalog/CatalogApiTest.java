package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogApiTest extends WebTest {

    private JsonNode create(Http client, Map<String, Object> draft) {
        var r = client.post("/api/v1/resources", draft);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anOfficerRegistersADraftAndGetsACodeFromClassificationProviderAndSequence() {
        var officer = signedIn("ga_officer");
        var first = create(officer, valid(unique("户籍迁移记录"), "3205GA"));
        var second = create(officer, valid(unique("户籍迁移记录"), "3205GA"));
        assertThat(first.get("code").asString()).matches("101-3205GA-\\d{6}");
        assertThat(first.get("status").asString()).isEqualTo("DRAFT");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        int a = Integer.parseInt(first.get("code").asString().substring(11));
        int b = Integer.parseInt(second.get("code").asString().substring(11));
        assertThat(b).isGreaterThan(a); // the sequence only moves forward: codes are never reused
        var themed = create(officer, with(with(valid(unique("交通卡口数据"), "3205GA"), "theme", "TRANSPORT"), "resourceType", "DEPARTMENTAL"));
        assertThat(themed.get("code").asString()).startsWith("304-3205GA-");
    }

    @Test
    void everyRuleOfTheFormNamesItsField() {
        var officer = signedIn("ga_officer");
        var bad = with(valid("", "3205GA"), "shareCondition", "");
        bad = with(bad, "regionCode", "999999");
        bad = with(bad, "fields", List.of(field("Bad Name", "名称", "STRING", null, "L1", false),
                field("dup", "重复", "INTEGER", null, "L1", false), field("dup", "重复", "INTEGER", null, "L1", false)));
        var r = officer.post("/api/v1/resources", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("CATALOG_INVALID");
        var fields = r.json().get("violations").valueStream().map(v -> v.get("field").asString()).toList();
        assertThat(fields).contains("name", "shareCondition", "regionCode", "fields[0].name", "fields[0].length",
                "fields[2].name", "fields");
        var messages = r.json().get("violations").valueStream().map(v -> v.get("message").asString()).toList();
        assertThat(messages).contains("有条件共享或不予共享的资源须填写共享条件（依据）", "至少需要一个主键信息项");

        var noFields = officer.post("/api/v1/resources", with(valid("无信息项资源", "3205GA"), "fields", List.of()));
        assertThat(noFields.json().get("violations").get(0).get("code").asString()).isEqualTo("fields.required");
        var openCore = officer.post("/api/v1/resources", with(valid("开放核心数据", "3205GA"), "openType", "OPEN"));
        assertThat(openCore.json().get("violations").valueStream().map(v -> v.get("code").asString())).contains("open.core_data");
        var notShared = officer.post("/api/v1/resources", with(with(valid("不共享却开放", "3205GA"), "shareType", "NONE"), "openType", "CONDITIONAL"));
        assertThat(notShared.json().get("violations").valueStream().map(v -> v.get("field").asString()))
                .contains("openType", "openCondition");
        var english = signedIn("ga_officer").english().post("/api/v1/resources", with(valid("x", "3205GA"), "fields", List.of()));
        assertThat(english.json().get("violations").get(0).get("message").asString()).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void anOfficerCannotRegisterOrEditAnotherDepartmentsResources() {
        var gaResource = create(signedIn("ga_officer"), valid(unique("暂住登记"), "3205GA"));
        var rs = signedIn("rs_officer");
        var foreign = rs.post("/api/v1/resources", valid(unique("冒名登记"), "3205GA"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("code").asString()).isEqualTo("IDENTITY_FORBIDDEN");
        // a published resource is visible to every department, but only its provider edits it
        var code = gaResource.get("code").asString();
        signedIn("ga_officer").post("/api/v1/resources/" + code + "/publish", Map.of());
        assertThat(rs.get("/api/v1/resources/" + code).status()).isEqualTo(200);
        var edit = rs.put("/api/v1/resources/" + code, valid("篡改", "3205GA"));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(rs.post("/api/v1/resources/" + code + "/retire", Map.of()).status()).isEqualTo(403);
        // a plain member of the provider cannot edit either; the bureau can
        assertThat(signedIn("ga_staff").put("/api/v1/resources/" + code, valid("成员修改", "3205GA")).status()).isEqualTo(403);
        assertThat(signedIn("dsj_admin").put("/api/v1/resources/" + code, valid(unique("管理员修改"), "3205GA")).status()).isEqualTo(200);
        // and nothing of the refused edits was stored
        assertThat(rs.get("/api/v1/resources/" + code).json().get("metadata").get("name").asString()).startsWith("管理员修改");
    }

    @Test
    void draftsAreSeenOnlyByTheirDepartmentTheBureauAndAuditors() {
        var name = unique("未发布草稿资源");
        var code = create(signedIn("ga_officer"), valid(name, "3205GA")).get("code").asString();
        assertThat(signedIn("rs_officer").get("/api/v1/resources/" + code).status()).isEqualTo(404);
        assertThat(signedIn("ga_staff").get("/api/v1/resources/" + code).status()).isEqualTo(200);
        assertThat(signedIn("dsj_auditor").get("/api/v1/resources/" + code).status()).isEqualTo(200);
        assertThat(signedIn("rs_officer").get("/api/v1/resources?q=" + q(code)).json().get("total").asLong()).isZero();
        assertThat(signedIn("ga_staff").get("/api/v1/resources?q=" + q(code)).json().get("total").asLong()).isEqualTo(1);
        // nor can another department find out that it exists by relating to it
        var probe = signedIn("rs_officer").post("/api/v1/resources", with(valid(unique("探测"), "3205RS"), "related", List.of(code)));
        assertThat(probe.json().get("violations").get(0).get("code").asString()).isEqualTo("related.unknown");
        // and an export by the other department does not carry it
        assertThat(signedIn("rs_officer").get("/api/v1/resources/export.json?q=" + q(name)).body()).doesNotContain(code);
    }

    @Test
    void everyChangeIsAVersionThatCanBeComparedAndStaleEditsAreRefused() {
        var officer = signedIn("ga_officer");
        var draft = valid(unique("流动人口登记"), "3205GA");
        var code = create(officer, draft).get("code").asString();
        var changed = with(draft, "summary", "新的摘要：增加居住证信息。");
        var fields = new ArrayList<Object>((List<?>) draft.get("fields"));
        fields.add(field("residence_permit_no", "居住证号", "STRING", 30, "L3", false));
        changed = with(changed, "fields", fields);
        var updated = officer.put("/api/v1/resources/" + code, changed, "If-Match", "\"1\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);

        var stale = officer.put("/api/v1/resources/" + code, draft, "If-Match", "1");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("CATALOG_STALE_VERSION");

        var history = officer.get("/api/v1/resources/" + code + "/history").json();
        assertThat(history.valueStream().map(v -> v.get("action").asString())).containsExactly("UPDATE", "CREATE");
        assertThat(history.get(0).get("changedBy").asString()).isEqualTo("ga_officer");
        var diff = officer.get("/api/v1/resources/" + code + "/diff?from=1&to=2").json();
        assertThat(diff.get("properties").valueStream().map(p -> p.get("property").asString())).containsExactly("summary");
        assertThat(diff.get("fields").get(0).get("name").asString()).isEqualTo("residence_permit_no");
        assertThat(diff.get("fields").get(0).get("kind").asString()).isEqualTo("ADDED");
        var v1 = officer.get("/api/v1/resources/" + code + "/versions/1").json();
        assertThat(v1.get("snapshot").get("metadata").get("summary").asString()).isEqualTo(draft.get("summary"));
        assertThat(officer.get("/api/v1/resources/" + code + "/versions/9").status()).isEqualTo(404);
    }

    @Test
    void theLifeCycleIsDraftPublishedRetiredAndRetiredIsReadOnly() {
        var officer = signedIn("ga_officer");
        var draft = valid(unique("临时通行证"), "3205GA");
        var code = create(officer, draft).get("code").asString();
        var early = officer.post("/api/v1/resources/" + code + "/retire", Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asString()).isEqualTo("CATALOG_BAD_TRANSITION");
        var published = officer.post("/api/v1/resources/" + code + "/publish", Map.of()).json();
        assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.get("metadata").has("releaseDate")).isTrue(); // publishing dates an undated entry
        assertThat(officer.post("/api/v1/resources/" + code + "/retire", Map.of()).json().get("status").asString()).isEqualTo("RETIRED");
        var edit = officer.put("/api/v1/resources/" + code, draft);
        assertThat(edit.json().get("code").asString()).isEqualTo("CATALOG_RETIRED");
    }

    @Test
    void searchSegmentsChineseFollowsChangesAtOnceAndCountsFacets() {
        var officer = signedIn("jt_officer");
        var marker = unique("QX");
        var draft = with(with(valid("城市道路积水监测点位", "3205JT"), "theme", "TRANSPORT"), "tags", List.of("积水", marker));
        var code = create(officer, draft).get("code").asString();

        var hit = officer.get("/api/v1/resources?q=" + q("积水 监测") + "&provider=3205JT").json();
        assertThat(hit.get("hits").valueStream().map(h -> h.get("code").asString())).contains(code);
        var byTag = officer.get("/api/v1/resources?q=" + q(marker.toLowerCase())).json();
        assertThat(byTag.get("total").asLong()).isEqualTo(1);
        // facets count the whole result; a selected facet keeps its siblings' counts
        var facets = officer.get("/api/v1/resources?theme=TRANSPORT").json().get("facets");
        var themes = facets.get("theme").valueStream().map(c -> c.get("value").asString()).toList();
        assertThat(themes).contains("TRANSPORT", "POPULATION");
        assertThat(facets.get("theme").valueStream().filter(c -> c.get("selected").asBoolean())
                .map(c -> c.get("value").asString())).containsExactly("TRANSPORT");

        var renamed = with(with(with(draft, "name", "城市道路照明设施"), "summary", "路灯位置与状态。"), "tags", List.of(marker));
        officer.put("/api/v1/resources/" + code, renamed);
        assertThat(officer.get("/api/v1/resources?q=" + q("积水 监测") + "&provider=3205JT").json()
                .get("hits").valueStream().map(h -> h.get("code").asString())).doesNotContain(code);
        assertThat(officer.get("/api/v1/resources?q=" + q("照明设施")).json()
                .get("hits").valueStream().map(h -> h.get("code").asString())).contains(code);
        // a short word that segmentation cuts differently alone than inside a sentence is still found
        var tax = create(officer, with(with(valid("地方税收征管数据", "3205JT"), "theme", "ECONOMY"), "tags", List.of(marker + "TAX")))
                .get("code").asString();
        assertThat(officer.get("/api/v1/resources?q=" + q("税收")).json().get("hits").valueStream()
                .map(h -> h.get("code").asString())).contains(tax);
        // the demo catalog is searchable by its Chinese words too
        assertThat(officer.get("/api/v1/resources?q=" + q("空气质量")).json().get("total").asLong()).isPositive();
    }

    @Test
    void onlyTheBureauRebuildsTheIndexAndTheRebuildFindsEverything() {
        assertThat(signedIn("ga_officer").post("/api/v1/admin/search/reindex", Map.of()).status()).isEqualTo(403);
        var rebuilt = signedIn("dsj_admin").post("/api/v1/admin/search/reindex", Map.of()).json();
        assertThat(rebuilt.get("resources").asInt()).isGreaterThanOrEqualTo(42);
        assertThat(signedIn("dsj_auditor").get("/api/v1/resources").json().get("total").asLong())
                .isEqualTo(rebuilt.get("resources").asLong());
    }

    @Test
    void unknownResourcesAndBadParametersGiveCodedProblems() {
        var officer = signedIn("ga_officer");
        var missing = officer.get("/api/v1/resources/101-3205GA-999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("CATALOG_NOT_FOUND");
        var malformed = officer.get("/api/v1/resources/not-a-code");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("CATALOG_MALFORMED_CODE");
        var badRelated = officer.post("/api/v1/resources", with(valid("关联格式错误", "3205GA"), "related", List.of("xyz", "101-3205GA-999999")));
        assertThat(badRelated.json().get("violations").valueStream().map(v -> v.get("field").asString() + " " + v.get("code").asString()))
                .containsExactly("related[0] related.malformed", "related[1] related.unknown");
        var twice = officer.post("/api/v1/resources", with(valid("重复关联", "3205GA"), "related",
                List.of("101-3205GA-000001", "101-3205GA-000001")));
        assertThat(twice.json().get("violations").valueStream().map(v -> v.get("code").asString())).contains("related.duplicate");
        assertThat(officer.get("/api/v1/resources?page=abc").json().get("code").asString()).isEqualTo("REQUEST_INVALID_PARAMETER");
        assertThat(officer.post("/api/v1/resources", "{\"theme\": \"NOT_A_THEME\"}").json().get("code").asString())
                .isEqualTo("REQUEST_MALFORMED_JSON");
        assertThat(officer.put("/api/v1/resources/101-3205GA-000001", valid("x", "3205GA"), "If-Match", "abc")
                .json().get("code").asString()).isEqualTo("REQUEST_INVALID_PARAMETER");
    }
}
