package org.citydata.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 多元校核: the public security bureau is the authoritative source of residents' names; the human resources bureau
 * keeps names of the insured too. Their conflicts reach both, and nobody else.
 */
class CrossCheckTest extends WebTest {

    @Autowired
    JdbcClient db;

    @Autowired
    CrossCheck crossCheck;

    private Http ga;
    private Http rs;
    private String item;
    private String source;
    private String holder;

    /** A valid resident ID for a serial number: region 320506, born 1990-01-01. */
    private static String id(int serial) {
        String first17 = "32050619900101" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @BeforeEach
    void twoDepartmentsHoldTheSameItem() {
        item = "person." + unique("name").toLowerCase();
        ga = signedIn("ga_officer");
        rs = signedIn("rs_officer");
        source = create(ga, "3205GA", "户籍人口", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 50, "L3", false)));
        var declared = ga.post("/api/v1/resources/" + source + "/authoritative-items", Map.of("item", item, "label", "居民姓名", "field", "name"));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        holder = create(rs, "3205RS", "参保人员", List.of(
                field("insured_id", "参保人身份号码", "RESIDENT_ID", 18, "L4", true),
                field("insured_name", "参保人姓名", "STRING", 50, "L3", false),
                field("insured_since", "参保日期", "DATE", null, "L2", false)));
        var held = rs.post("/api/v1/resources/" + holder + "/held-items", Map.of("item", item, "field", "insured_name"));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertThat(held.json().get("departmentCode").asString()).isEqualTo("3205RS");
    }

    private String create(Http officer, String provider, String name, List<Map<String, Object>> fields) {
        var r = officer.post("/api/v1/resources", with(valid(unique(name), provider), "fields", fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("code").asString();
    }

    private void load(Http officer, String code, String csv) {
        var r = officer.upload("/api/v1/resources/" + code + "/data/uploads", "data.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Residents 1–10 at the source; the holder has 1–8 and 11–12, names 2, 5 and 7 written differently. */
    private void loadBoth() {
        var a = new StringBuilder("id_number,name\n");
        for (int i = 1; i <= 10; i++) a.append(id(i)).append(",居民").append(i).append('\n');
        load(ga, source, a.toString());
        var b = new StringBuilder("insured_id,insured_name,insured_since\n");
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 11, 12}) {
            String name = i == 2 || i == 5 || i == 7 ? "居民" + i + "号" : "居民" + i;
            b.append(id(i)).append(',').append(name).append(",2020-01-01\n");
        }
        load(rs, holder, b.toString());
    }

    private JsonNode runAs(Http who) {
        var r = who.post("/api/v1/quality/cross-checks", Map.of("item", item));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().size()).isEqualTo(1);
        return r.json().get(0);
    }

    @Test
    void aCheckReportsExactlyTheConflictingKeysWithBothValuesToBothDepartmentsAndNobodyElse() {
        loadBoth();
        var run = runAs(rs);
        assertThat(run.get("compared").asLong()).isEqualTo(8);
        assertThat(run.get("conflicts").asLong()).isEqualTo(3);
        assertThat(run.get("onlyInAuthoritative").asLong()).isEqualTo(2);
        assertThat(run.get("onlyInOther").asLong()).isEqualTo(2);
        assertThat(run.get("authoritative").get("resourceCode").asString()).isEqualTo(source);
        assertThat(run.get("authoritative").get("departmentCode").asString()).isEqualTo("3205GA");
        assertThat(run.get("authoritative").get("keyField").asString()).isEqualTo("id_number");
        assertThat(run.get("other").get("resourceCode").asString()).isEqualTo(holder);
        assertThat(run.get("other").get("field").asString()).isEqualTo("insured_name");
        assertThat(run.get("other").get("departmentCode").asString()).isEqualTo("3205RS");
        long id = run.get("id").asLong();

        // both departments — officers and plain members — see the same three conflicts
        for (var who : List.of(rs, ga, signedIn("ga_staff"), signedIn("dsj_auditor"))) {
            var page = who.get("/api/v1/quality/cross-checks/" + id + "/conflicts");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            var conflicts = page.json().get("conflicts");
            assertThat(page.json().get("total").asLong()).isEqualTo(3);
            assertThat(conflicts.valueStream().map(c -> c.get("key").asString())).containsExactly(id(2), id(5), id(7));
            assertThat(conflicts.valueStream().map(c -> c.get("authoritativeValue").asString())).containsExactly("居民2", "居民5", "居民7");
            assertThat(conflicts.valueStream().map(c -> c.get("otherValue").asString())).containsExactly("居民2号", "居民5号", "居民7号");
        }
        assertThat(ga.get("/api/v1/quality/cross-checks").json().valueStream().map(r -> r.get("id").asLong())).contains(id);
        // (the platform may have checked the new data by itself too: its runs stand beside this one)
        assertThat(rs.get("/api/v1/quality/cross-checks?department=3205RS&item=" + item).json().valueStream().map(r -> r.get("id").asLong())).contains(id);
        var secondPage = ga.get("/api/v1/quality/cross-checks/" + id + "/conflicts?page=1&size=2").json();
        assertThat(secondPage.get("conflicts").size()).isEqualTo(1);
        assertThat(secondPage.get("conflicts").get(0).get("key").asString()).isEqualTo(id(7));

        // a third department is told the check does not exist and may not list the others' checks
        var wj = signedIn("wj_officer");
        assertThat(wj.get("/api/v1/quality/cross-checks/" + id + "/conflicts").json().get("code").asString()).isEqualTo("QUALITY_CHECK_NOT_FOUND");
        assertThat(wj.get("/api/v1/quality/cross-checks/" + id).status()).isEqualTo(404);
        assertThat(wj.get("/api/v1/quality/cross-checks").json().valueStream().map(r -> r.get("id").asLong())).doesNotContain(id);
        assertThat(wj.get("/api/v1/quality/cross-checks?department=3205GA").status()).isEqualTo(403);
        assertThat(wj.post("/api/v1/quality/cross-checks", Map.of("item", item)).status()).isEqualTo(403);
        assertThat(wj.get("/quality/cross-checks/" + id).status()).isEqualTo(404);

        // the console page shows the three keys with both values, and who holds each
        var html = ga.get("/quality/cross-checks/" + id).body();
        assertThat(html).contains("data-key=\"" + id(2) + "\"").contains("居民5号").contains("苏州市人力资源和社会保障局")
                .doesNotContain("data-key=\"" + id(1) + "\"");
        assertThat(rs.get("/quality/cross-checks").body()).contains("id=\"run-" + id + "\"");

        // the comparison read both resources, and said so
        var reads = db.sql("""
                select a.resource_code, a.row_count, a.fields::text from audit_record a
                where a.actor = 'rs_officer' and a.purpose = ? and a.action = 'COMPARE' order by a.seq""")
                .param("cross-check item " + item).query((r, n) -> List.of(r.getString(1), r.getInt(2), r.getString(3))).list();
        assertThat(reads).hasSize(2);
        assertThat(reads).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(3));
        assertThat(reads.get(0).get(2)).isEqualTo("{id_number,name}");
        assertThat(reads.get(1).get(2)).isEqualTo("{insured_id,insured_name}");
    }

    @Test
    void aNewVersionOfEitherSideIsCheckedAgainByItself() throws InterruptedException {
        loadBoth();
        long first = runAs(ga).get("id").asLong();
        // the human resources bureau corrects one name
        var b = new StringBuilder("insured_id,insured_name,insured_since\n");
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 11, 12})
            b.append(id(i)).append(',').append(i == 5 || i == 7 ? "居民" + i + "号" : "居民" + i).append(",2020-01-01\n");
        load(rs, holder, b.toString());

        // the new version is checked in the background, without anyone asking
        var latest = ga.get("/api/v1/quality/cross-checks?item=" + item).json().get(0);
        for (int i = 0; i < 100 && latest.get("other").get("version").asInt() != 2; i++) {
            Thread.sleep(100);
            latest = ga.get("/api/v1/quality/cross-checks?item=" + item).json().get(0);
        }
        assertThat(latest.get("id").asLong()).isGreaterThan(first);
        assertThat(latest.get("runBy").asString()).isEqualTo("system");
        assertThat(latest.get("other").get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("conflicts").asLong()).isEqualTo(2);
        // nothing changed since: nothing to run
        crossCheck.recheckChanged();
        assertThat(ga.get("/api/v1/quality/cross-checks?item=" + item).json().get(0).get("id").asLong()).isEqualTo(latest.get("id").asLong());
    }

    @Test
    void resourcesWithoutAKeyOfTheSameIdentifierTypeCannotBeCompared() {
        var byMobile = create(rs, "3205RS", "联系人", List.of(
                field("mobile", "手机号码", "MOBILE", null, "L4", true),
                field("contact_name", "联系人姓名", "STRING", 50, "L3", false)));
        assertThat(rs.post("/api/v1/resources/" + byMobile + "/held-items", Map.of("item", item, "field", "contact_name")).status()).isEqualTo(201);
        var r = rs.post("/api/v1/quality/cross-checks", Map.of("item", item, "resource", byMobile));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("code").asString()).isEqualTo("QUALITY_NO_COMMON_KEY");
        assertThat(r.json().get("detail").asString()).contains(source).contains(byMobile);
    }

    @Test
    void aResourceWithoutDataIsNamed() {
        var a = new StringBuilder("id_number,name\n");
        for (int i = 1; i <= 3; i++) a.append(id(i)).append(",居民").append(i).append('\n');
        load(ga, source, a.toString());
        var r = rs.post("/api/v1/quality/cross-checks", Map.of("item", item));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("code").asString()).isEqualTo("QUALITY_NO_DATA");
        assertThat(r.json().get("detail").asString()).contains(holder);
    }

    @Test
    void onlyADepartmentsEditorsDeclareItsHoldersAndTheSourceIsNoHolder() {
        assertThat(ga.post("/api/v1/resources/" + source + "/held-items", Map.of("item", item, "field", "name")).json()
                .get("code").asString()).isEqualTo("QUALITY_HOLDER_IS_SOURCE");
        assertThat(rs.post("/api/v1/resources/" + holder + "/held-items", Map.of("item", "person.nobody", "field", "insured_name")).json()
                .get("code").asString()).isEqualTo("QUALITY_ITEM_NOT_DECLARED");
        assertThat(rs.post("/api/v1/resources/" + holder + "/held-items", Map.of("item", item, "field", "nope")).status()).isEqualTo(400);
        assertThat(signedIn("rs_staff").post("/api/v1/resources/" + holder + "/held-items", Map.of("item", item, "field", "insured_name"))
                .status()).isEqualTo(403);
        assertThat(rs.get("/api/v1/quality/held-items").body()).contains(item).contains(holder);
        assertThat(signedIn("wj_officer").get("/api/v1/quality/held-items").body()).doesNotContain(holder); // a draft of another department
        assertThat(rs.post("/api/v1/quality/cross-checks", Map.of("resource", holder)).json().get("code").asString())
                .isEqualTo("REQUEST_MISSING_PARAMETER");
        assertThat(rs.delete("/api/v1/resources/" + holder + "/held-items/" + item).status()).isEqualTo(204);
        assertThat(rs.post("/api/v1/quality/cross-checks", Map.of("item", item)).status()).isEqualTo(403); // no holder of its own left
        assertThat(ga.post("/api/v1/quality/cross-checks", Map.of("item", item)).json().get("code").asString()).isEqualTo("QUALITY_NO_HOLDER");
    }
}
