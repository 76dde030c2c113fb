package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import java.util.List;
import java.util.Map;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

/** 数据需求 and 应用展示 over HTTP: the public asks and submits, departments answer, the bureau routes and moderates. */
class CommunityTest extends WebTest {

    @Test
    void aRequestIsAnsweredInPublicByTheDepartmentItIsAddressedTo() {
        var anyone = anonymous();
        String title = unique("需要全市公园客流数据");
        var asked = anyone.post("/api/open/v1/requests", Map.of("title", title, "description", "希望按日开放各公园入园人数，用于出行规划应用。",
                "requesterName", "李明", "requesterEmail", "liming@example.com", "departmentCode", "3205RS"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        long id = asked.json().get("data").get("id").asLong();
        assertThat(asked.json().get("data").get("state").asString()).isEqualTo("OPEN");
        var list = anyone.get("/api/open/v1/requests");
        assertThat(list.body()).contains(title).doesNotContain("liming@example.com");
        assertThat(anyone.get("/open/requests").body()).contains(title, "data-id=\"" + id + "\"");

        // only the department addressed, or the bureau, answers; OPENED needs a published dataset
        var otherDepartment = signedIn("ga_officer").post("/api/v1/data-requests/" + id + "/answer",
                Map.of("outcome", "PLANNED", "answer", "计划开放"));
        assertThat(otherDepartment.status()).isEqualTo(403);
        var rs = signedIn("rs_officer");
        var notOpen = rs.post("/api/v1/data-requests/" + id + "/answer", Map.of("outcome", "OPENED", "answer", "已开放", "datasetCode", "NOPE"));
        assertThat(notOpen.status()).isEqualTo(400);
        assertThat(notOpen.json().get("code").asString()).isEqualTo("OPENDATA_INVALID_ANSWER");
        String code = publish(rs, "3205RS", unique("公园客流"), "OPEN");
        load(rs, code, csv(20, 41));
        var opening = rs.post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5)).json().get("opening");
        signedIn("dsj_admin").post("/api/v1/openings/" + opening.get("id").asLong() + "/approve", Map.of());
        var answered = rs.post("/api/v1/data-requests/" + id + "/answer", Map.of("outcome", "OPENED", "answer", "已按日开放。", "datasetCode", code));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(anyone.get("/open/requests?state=ANSWERED").body()).contains(title, "已按日开放。", "/open/datasets/" + code);
    }

    @Test
    void theBureauRoutesARequestNobodyWasNamedFor() {
        long id = anonymous().post("/api/open/v1/requests", Map.of("title", unique("学校食堂检查结果"), "description",
                "希望开放学校食堂食品安全检查结果。", "requesterName", "王女士")).json().get("data").get("id").asLong();
        var ga = signedIn("ga_officer");
        assertThat(ga.post("/api/v1/data-requests/" + id + "/answer", Map.of("outcome", "DECLINED", "answer", "不属于本部门")).status()).isEqualTo(403);
        assertThat(ga.post("/api/v1/data-requests/" + id + "/route", Map.of("departmentCode", "3205GA")).status()).isEqualTo(403);
        var routed = signedIn("dsj_admin").post("/api/v1/data-requests/" + id + "/route", Map.of("departmentCode", "3205GA"));
        assertThat(routed.json().get("departmentCode").asString()).isEqualTo("3205GA");
        var declined = ga.post("/api/v1/data-requests/" + id + "/answer", Map.of("outcome", "DECLINED", "answer", "涉及未成年人信息，暂不开放。"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("outcome").asString()).isEqualTo("DECLINED");
    }

    @Test
    void thePortalFormFilesARequestAndShowsMistakesAsTyped() {
        var visitor = anonymous();
        var page = visitor.get("/open/requests");
        assertThat(page.body()).contains("id=\"request-form\"", "name=\"_csrf\"");
        var mistaken = visitor.csrfFrom(page).formPairs("/open/requests", "title", "公园", "description", "太短", "requesterName", "");
        assertThat(mistaken.status()).isEqualTo(200);
        assertThat(mistaken.body()).contains("id=\"violations\"", "value=\"公园\"");
        String title = unique("希望开放公共自行车站点");
        var filed = visitor.formPairs("/open/requests", "title", title, "description", "希望开放公共自行车站点位置和车位数。",
                "requesterName", "赵先生", "departmentCode", "");
        assertThat(filed.status()).isEqualTo(302);
        assertThat(visitor.get("/open/requests").body()).contains(title);
        // without the form's token the post is refused
        assertThat(anonymous().withoutCsrf().formPairs("/open/requests", "title", title, "description", "希望开放公共自行车站点位置。",
                "requesterName", "赵先生").status()).isEqualTo(403);
    }

    @Test
    void aBadRequestSaysWhatIsWrongAndStoresNothing() {
        var bad = anonymous().post("/api/open/v1/requests", Map.of("title", "x", "description", "", "requesterEmail", "not-an-email",
                "departmentCode", "NOPE"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("violations").valueStream().map(v -> v.get("field").asString()).toList())
                .contains("title", "description", "requesterName", "requesterEmail", "departmentCode");
        var malformed = anonymous().postRaw("/api/open/v1/requests", "application/json", "{\"title\": ".getBytes());
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void aReuseIsShownOnceTheBureauPublishesIt() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检机构名录"), "OPEN");
        load(rs, code, csv(20, 43));
        var opening = rs.post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5)).json().get("opening");
        signedIn("dsj_admin").post("/api/v1/openings/" + opening.get("id").asLong() + "/approve", Map.of());

        var anyone = anonymous();
        var unpublished = anyone.post("/api/open/v1/reuses", Map.of("title", "体检地图", "description", "在地图上查看体检机构分布。",
                "url", "javascript:alert(1)", "kind", "APP", "author", "张三", "datasetCodes", List.of("NOPE")));
        assertThat(unpublished.status()).isEqualTo(400);
        assertThat(unpublished.json().get("violations").valueStream().map(v -> v.get("field").asString()).toList()).contains("url", "datasetCodes");
        String title = unique("体检地图");
        var submitted = anyone.post("/api/open/v1/reuses", Map.of("title", title, "description", "在地图上查看体检机构分布。",
                "url", "https://example.com/map", "kind", "VISUALIZATION", "author", "张三", "datasetCodes", List.of(code)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        long id = submitted.json().get("data").get("id").asLong();
        assertThat(anyone.get("/api/open/v1/reuses?dataset=" + code).json().get("data").size()).isZero();

        assertThat(rs.post("/api/v1/reuses/" + id + "/publish", Map.of()).status()).isEqualTo(403);
        var bureau = signedIn("dsj_admin");
        assertThat(bureau.get("/openings/reuses").body()).contains(title);
        assertThat(bureau.post("/api/v1/reuses/" + id + "/publish", Map.of()).json().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(anyone.get("/api/open/v1/reuses?dataset=" + code).body()).contains(title);
        assertThat(anyone.get("/open/datasets/" + code).body()).contains(title, "https://example.com/map");
        assertThat(anyone.get("/open/reuses").body()).contains(title);
    }
}
