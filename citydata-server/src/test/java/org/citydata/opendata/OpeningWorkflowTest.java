package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.allClear;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The opening workflow end to end over HTTP: a resource with resident IDs in clear is blocked by the risk assessment,
 * passes once masked as it suggests, is public after the bureau's review, and is gone from search and API when
 * unpublished. Every public read is in the access log.
 */
class OpeningWorkflowTest extends WebTest {

    private static final List<String> QUASI = List.of("birth_date", "sex", "district");

    @Test
    void aResourceIsBlockedThenMaskedReviewedPublishedAndUnpublished() {
        var rs = signedIn("rs_officer");
        var bureau = signedIn("dsj_admin");
        var anyone = anonymous();
        String name = unique("居民健康体检记录");
        String code = publish(rs, "3205RS", name, "OPEN");
        load(rs, code, csv(60, 7));

        // proposed with everything in clear: the resident IDs and the rare combinations block it
        var proposed = rs.post("/api/v1/openings", form(code, allClear(), QUASI, 5));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        var opening = proposed.json().get("opening");
        long id = opening.get("id").asLong();
        assertThat(opening.get("state").asString()).isEqualTo("BLOCKED");
        var blockers = blockers(opening);
        assertThat(blockers).containsEntry("PII_IN_CLEAR", "person_id");
        assertThat(blockers).containsKey("K_ANONYMITY");
        var k = opening.get("assessment").get("kAnonymity");
        assertThat(k.get("smallestClass").asLong()).isLessThan(5);
        var suggestion = k.get("suggestion");
        assertThat(suggestion.propertyNames()).containsExactlyElementsOf(QUASI); // in the quasi-identifiers' order
        assertThat(k.get("suggestedSmallestClass").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(anyone.get("/api/open/v1/datasets/" + code).status()).isEqualTo(404);
        assertThat(bureau.post("/api/v1/openings/" + id + "/approve", Map.of()).json().get("code").asString())
                .isEqualTo("OPENDATA_WRONG_STATE");

        // revised: the ID not opened, the quasi-identifiers generalized as suggested — it passes and waits for review
        var fields = new LinkedHashMap<String, String>();
        QUASI.forEach(q -> fields.put(q, suggestion.get(q).asString()));
        fields.put("visits", "clear");
        var revised = rs.put("/api/v1/openings/" + id, form(code, fields, QUASI, 5));
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(revised.json().get("opening").get("state").asString()).isEqualTo("IN_REVIEW");
        assertThat(revised.json().get("opening").get("assessment").get("kAnonymity").get("classesBelowK").asLong()).isZero();
        assertThat(anyone.get("/api/open/v1/datasets/" + code).status()).isEqualTo(404);

        // only the bureau reviews; a return needs reasons
        assertThat(rs.post("/api/v1/openings/" + id + "/approve", Map.of()).status()).isEqualTo(403);
        var noReason = bureau.post("/api/v1/openings/" + id + "/return", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asString()).isEqualTo("OPENDATA_REASON_REQUIRED");
        var approved = bureau.post("/api/v1/openings/" + id + "/approve", Map.of("note", "同意开放"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("opening").get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(approved.json().get("history").valueStream().map(e -> e.get("action").asString()).toList())
                .containsExactly("PROPOSE", "REVISE", "APPROVE");

        // public: in the CKAN-compatible API as well as the open API, described without the ID, rows masked, downloads whole
        assertThat(anyone.get("/api/3/action/package_show?id=" + code.toLowerCase()).json().get("success").asBoolean()).isTrue();
        assertThat(anyone.get("/api/3/action/datastore_search?resource_id=" + code).json().get("result").get("total").asLong())
                .isEqualTo(60);
        var search = anyone.get("/api/open/v1/datasets?q=" + enc(name));
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(codes(search.json().get("data"))).containsExactly(code);
        // the public sees neither the terms of sharing between departments nor the catalog status, nor filters by them
        var hit = search.json().get("data").get(0);
        assertThat(hit.get("openType").asString()).isEqualTo("OPEN");
        assertThat(hit.has("shareType")).isFalse();
        assertThat(hit.has("status")).isFalse();
        assertThat(search.json().get("meta").get("facets").has("shareType")).isFalse();
        assertThat(codes(anyone.get("/api/open/v1/datasets?shareType=NONE&status=DRAFT&q=" + enc(name)).json().get("data")))
                .containsExactly(code);
        var dataset = anyone.get("/api/open/v1/datasets/" + code).json().get("data");
        assertThat(dataset.get("fields").valueStream().map(f -> f.get("name").asString()).toList())
                .containsExactly("birth_date", "sex", "district", "visits");
        assertThat(dataset.get("licence").asString()).isEqualTo("CC_BY_4_0");
        var records = anyone.get("/api/open/v1/datasets/" + code + "/records?size=100");
        assertThat(records.status()).as(records.body()).isEqualTo(200);
        assertThat(records.json().get("meta").get("total").asLong()).isEqualTo(60);
        var first = records.json().get("data").get(0);
        assertThat(first.has("person_id")).isFalse();
        assertThat(first.get("birth_date").isNull() || !first.get("birth_date").asString().matches("\\d{4}-\\d{2}-\\d{2}"))
                .as("a birth date generalized by %s", fields.get("birth_date")).isTrue();
        var csv = anyone.bytes("/api/open/v1/datasets/" + code + "/download?format=csv");
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        var lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[0].strip()).isEqualTo("birth_date,sex,district,visits");
        assertThat(lines).hasSize(61);
        assertThat(new String(csv, StandardCharsets.UTF_8)).doesNotContain("320505199", "320506199", "320508199");
        var jsonDownload = anyone.get("/api/open/v1/datasets/" + code + "/download?format=json");
        assertThat(jsonDownload.header("Content-Type")).isEqualTo("application/json");
        var array = jsonDownload.json();
        assertThat(array.size()).isEqualTo(60);
        assertThat(array.get(0).propertyNames()).containsExactly("birth_date", "sex", "district", "visits");

        // the public reads are recorded, as the public, through the open channel, under the opening
        var log = signedIn("dsj_auditor").get("/api/v1/audit/records?resource=" + code + "&actor=public");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        var publicReads = log.json().get("records").valueStream().toList();
        assertThat(publicReads).extracting(r -> r.get("action").asString()).contains("READ", "EXPORT");
        assertThat(publicReads).allSatisfy(r -> {
            assertThat(r.get("channel").asString()).isEqualTo("OPEN");
            assertThat(r.get("grantId").asLong()).isEqualTo(id);
        });

        // unpublished: gone at once from search and from every read
        assertThat(rs.post("/api/v1/openings/" + id + "/unpublish", Map.of()).status()).isEqualTo(400);
        var unpublished = rs.post("/api/v1/openings/" + id + "/unpublish", Map.of("reason", "数据口径调整，暂停开放"));
        assertThat(unpublished.json().get("opening").get("state").asString()).isEqualTo("UNPUBLISHED");
        assertThat(codes(anyone.get("/api/open/v1/datasets?q=" + enc(name)).json().get("data"))).isEmpty();
        assertThat(anyone.get("/api/open/v1/datasets/" + code).status()).isEqualTo(404);
        var gone = anyone.get("/api/open/v1/datasets/" + code + "/records");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("OPENDATA_NOT_FOUND");
        assertThat(anyone.get("/api/open/v1/datasets/" + code + "/download?format=csv").status()).isEqualTo(404);
        // and from the CKAN-compatible actions
        assertThat(anyone.get("/api/3/action/package_list").json().get("result").valueStream().map(JsonNode::asString))
                .doesNotContain(code.toLowerCase());
        assertThat(anyone.get("/api/3/action/package_search?q=" + enc(name)).json().get("result").get("count").asLong()).isZero();
        var ckanShow = anyone.get("/api/3/action/package_show?id=" + code.toLowerCase());
        assertThat(ckanShow.status()).isEqualTo(404);
        assertThat(ckanShow.json().get("success").asBoolean()).isFalse();
        assertThat(anyone.get("/api/3/action/datastore_search?resource_id=" + code).status()).isEqualTo(404);
    }

    @Test
    void theOpenPathShowsOnlyWhatWasOpenedAndFiltersOnlyClearFields() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检统计"), "OPEN");
        load(rs, code, csv(40, 11));
        var fields = Map.of("birth_date", "null", "sex", "clear", "district", "region(4)", "visits", "clear");
        long id = propose(rs, code, fields, List.of("birth_date", "sex", "district"), 2);
        Opened.approve(signedIn("dsj_admin"), id);
        var anyone = anonymous();

        var notOpened = anyone.get("/api/open/v1/datasets/" + code + "/records?fields=person_id");
        assertThat(notOpened.status()).isEqualTo(403);
        assertThat(notOpened.json().get("code").asString()).isEqualTo("DATASTORE_FIELD_NOT_GRANTED");
        // equality on a hidden value would tell whether it is there
        var masked = anyone.get("/api/open/v1/datasets/" + code + "/records?filter=district:eq:320505");
        assertThat(masked.status()).isEqualTo(403);
        assertThat(masked.json().get("code").asString()).isEqualTo("DATASTORE_FILTER_NOT_CLEAR");
        var sorted = anyone.get("/api/open/v1/datasets/" + code + "/records?sort=district");
        assertThat(sorted.status()).isEqualTo(403);
        assertThat(sorted.json().get("code").asString()).isEqualTo("DATASTORE_FILTER_NOT_CLEAR");
        // text search looks in clear fields only: a district code is found in no row, since districts are masked
        assertThat(anyone.get("/api/open/v1/datasets/" + code + "/records?q=320505").json().get("meta").get("total").asLong()).isZero();
        assertThat(anyone.get("/api/open/v1/datasets/" + code + "/records?q=男").json().get("meta").get("total").asLong())
                .isEqualTo(anyone.get("/api/open/v1/datasets/" + code + "/records?filter=sex:eq:男").json().get("meta").get("total").asLong())
                .isPositive();
        var bySex = anyone.get("/api/open/v1/datasets/" + code + "/records?filter=sex:eq:男&size=100");
        assertThat(bySex.status()).as(bySex.body()).isEqualTo(200);
        var rows = bySex.json().get("data").valueStream().toList();
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("sex").asString()).isEqualTo("男");
            assertThat(r.get("district").asString()).isEqualTo("320500");
            assertThat(r.get("birth_date").isNull()).isTrue();
        });

        // the CSV download (masked by PostgreSQL in its COPY) holds what the records (masked in Java) show, after a BOM
        var csv = anyone.bytes("/api/open/v1/datasets/" + code + "/download?format=csv&sort=visits");
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        var expected = new java.util.ArrayList<>(List.of("birth_date,sex,district,visits"));
        anyone.get("/api/open/v1/datasets/" + code + "/records?sort=visits&size=100").json().get("data").forEach(r ->
                expected.add("\"\"," + r.get("sex").asString() + "," + r.get("district").asString() + "," + r.get("visits").asLong()));
        assertThat(expected).hasSize(41).anyMatch(l -> l.startsWith("\"\",男,320500,"));
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n", expected) + "\r\n");
    }

    @Test
    void proposalsAreRefusedForClosedResourcesOtherDepartmentsAndBadForms() {
        var rs = signedIn("rs_officer");
        String closed = publish(rs, "3205RS", unique("不予开放体检"), "CLOSED");
        load(rs, closed, csv(10, 3));
        var refused = rs.post("/api/v1/openings", form(closed, Map.of("visits", "clear"), List.of(), 5));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("OPENDATA_CLOSED");

        String code = publish(rs, "3205RS", unique("开放体检"), "OPEN");
        load(rs, code, csv(10, 5));
        var otherDepartment = signedIn("ga_officer").post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5));
        assertThat(otherDepartment.status()).isEqualTo(403);
        var anonymousProposal = anonymous().post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5));
        assertThat(anonymousProposal.status()).isIn(401, 403);

        var bad = rs.post("/api/v1/openings", form(code, Map.of("nonexistent", "clear", "sex", "fpe", "visits", "bogus(1"),
                List.of("birth_date"), 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("OPENDATA_INVALID_OPENING");
        assertThat(bad.json().get("violations").valueStream().map(v -> v.get("field").asString()).toList())
                .contains("fields.nonexistent", "fields.sex", "fields.visits", "quasiIdentifiers", "k");

        propose(rs, code, Map.of("visits", "clear"), List.of(), 5);
        var twice = rs.post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("OPENDATA_ALREADY_OPENING");
    }

    @Test
    void newDataThatFailsTheAssessmentTakesAPublishedOpeningOffAtOnce() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检次数"), "OPEN");
        load(rs, code, csv(30, 13));
        long id = propose(rs, code, Map.of("remark", "clear", "visits", "clear"), List.of(), 5);
        Opened.approve(signedIn("dsj_admin"), id);
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/records").status()).isEqualTo(200);

        // the next load has mobile numbers in the remarks
        var withMobiles = csv(30, 13).replace(",无\n", ",13812345678\n");
        load(rs, code, withMobiles);
        var opening = rs.get("/api/v1/openings/" + id).json();
        assertThat(opening.get("opening").get("state").asString()).isEqualTo("BLOCKED");
        assertThat(blockers(opening.get("opening"))).containsEntry("PII_IN_CLEAR", "remark");
        assertThat(opening.get("history").valueStream().map(e -> e.get("action").asString()).toList()).endsWith("REASSESS");
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/records").status()).isEqualTo(404);
    }

    @Test
    void retiringTheResourceEndsItsOpening() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检次数（将废止）"), "OPEN");
        load(rs, code, csv(20, 19));
        long id = propose(rs, code, Map.of("visits", "clear"), List.of(), 5);
        Opened.approve(signedIn("dsj_admin"), id);
        assertThat(anonymous().get("/api/open/v1/datasets/" + code).status()).isEqualTo(200);

        assertThat(rs.post("/api/v1/resources/" + code + "/retire", Map.of()).status()).isEqualTo(200);
        var opening = rs.get("/api/v1/openings/" + id).json();
        assertThat(opening.get("opening").get("state").asString()).isEqualTo("UNPUBLISHED");
        assertThat(opening.get("history").valueStream().map(e -> e.get("actor").asString()).toList()).endsWith("system");
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/records").status()).isEqualTo(404);
    }

    @Test
    void catalogChangesReachTheOpening() {
        var rs = signedIn("rs_officer");
        String name = unique("体检次数（目录修改）");
        String code = publish(rs, "3205RS", name, "OPEN");
        load(rs, code, csv(20, 29));
        long id = propose(rs, code, Map.of("visits", "clear", "remark", "clear"), List.of(), 5);
        Opened.approve(signedIn("dsj_admin"), id);
        var draft = org.citydata.support.Drafts.with(org.citydata.support.Drafts.with(org.citydata.support.Drafts.valid(name, "3205RS"),
                "openType", "OPEN"), "theme", "HEALTH");

        // an opened field dropped from the catalog: the opening cannot be assessed, so it is blocked, not left public
        var fewer = Opened.checkupFields().stream().filter(f -> !f.get("name").equals("remark")).toList();
        assertThat(rs.put("/api/v1/resources/" + code, org.citydata.support.Drafts.with(draft, "fields", fewer)).status()).isEqualTo(200);
        var blocked = rs.get("/api/v1/openings/" + id).json();
        assertThat(blocked.get("opening").get("state").asString()).isEqualTo("BLOCKED");
        var notes = blocked.get("history").valueStream().filter(e -> e.has("note")).map(e -> e.get("note").asString()).toList();
        assertThat(notes.get(notes.size() - 1)).contains("OPENDATA_FIELD_GONE");
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/records").status()).isEqualTo(404);

        // revised without it and published again, then the catalog says 不予开放: the opening ends
        assertThat(rs.put("/api/v1/openings/" + id, form(code, Map.of("visits", "clear"), List.of(), 5)).status()).isEqualTo(200);
        Opened.approve(signedIn("dsj_admin"), id);
        assertThat(anonymous().get("/api/open/v1/datasets/" + code + "/records").status()).isEqualTo(200);
        var closed = org.citydata.support.Drafts.with(org.citydata.support.Drafts.with(draft, "fields", fewer), "openType", "CLOSED");
        assertThat(rs.put("/api/v1/resources/" + code, closed).status()).isEqualTo(200);
        assertThat(rs.get("/api/v1/openings/" + id).json().get("opening").get("state").asString()).isEqualTo("UNPUBLISHED");
        assertThat(anonymous().get("/api/open/v1/datasets/" + code).status()).isEqualTo(404);
    }

    @Test
    void aConditionalOpeningIsDescribedToAnyoneButItsRowsNeedAKey() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检机构统计"), "CONDITIONAL");
        load(rs, code, csv(20, 17));
        Opened.approve(signedIn("dsj_admin"), propose(rs, code, Map.of("visits", "clear"), List.of(), 5));
        var anyone = anonymous();
        var described = anyone.get("/api/open/v1/datasets/" + code);
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().get("data").get("openType").asString()).isEqualTo("CONDITIONAL");
        var rows = anyone.get("/api/open/v1/datasets/" + code + "/records");
        assertThat(rows.status()).isEqualTo(401);
        assertThat(rows.json().get("code").asString()).isEqualTo("OPENDATA_KEY_REQUIRED");
    }

    private static long propose(Http officer, String code, Map<String, String> fields, List<String> quasi, int k) {
        return Opened.proposeForReview(officer, form(code, fields, quasi, k));
    }


    /** Blocking findings: code → field. */
    private static Map<String, String> blockers(JsonNode opening) {
        var map = new LinkedHashMap<String, String>();
        opening.get("assessment").get("findings").valueStream().filter(f -> f.get("blocks").asBoolean())
                .forEach(f -> map.put(f.get("code").asString(), f.get("field").isNull() ? null : f.get("field").asString()));
        return map;
    }

    private static List<String> codes(JsonNode hits) {
        return hits.valueStream().map(h -> h.get("code").asString()).toList();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
