package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.valid;

import java.util.Map;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

class SingleSourceTest extends WebTest {

    @Test
    void aDataItemHasOneAuthoritativeProviderAndASecondIsRefusedNamingTheOwner() {
        var item = "person." + unique("name").toLowerCase();
        var ga = signedIn("ga_officer");
        var gaCode = ga.post("/api/v1/resources", valid(unique("户籍人口"), "3205GA")).json().get("code").asString();
        var declared = ga.post("/api/v1/resources/" + gaCode + "/authoritative-items", Map.of("item", item, "label", "居民姓名", "field", "name"));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("providerCode").asString()).isEqualTo("3205GA");

        var rs = signedIn("rs_officer");
        var rsCode = rs.post("/api/v1/resources", valid(unique("参保人员"), "3205RS")).json().get("code").asString();
        var refused = rs.post("/api/v1/resources/" + rsCode + "/authoritative-items", Map.of("item", item, "label", "姓名", "field", "name"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("CATALOG_ITEM_OWNED");
        assertThat(refused.json().get("detail").asString()).contains("苏州市公安局").contains(gaCode);

        // only the owner (or the bureau) releases it; then the other department may declare it
        assertThat(rs.delete("/api/v1/authoritative-items/" + item).status()).isEqualTo(403);
        assertThat(signedIn("dsj_admin").delete("/api/v1/authoritative-items/" + item).status()).isEqualTo(204);
        assertThat(rs.post("/api/v1/resources/" + rsCode + "/authoritative-items", Map.of("item", item, "label", "姓名", "field", "name"))
                .status()).isEqualTo(201);
        assertThat(ga.get("/api/v1/authoritative-items").body()).contains(item).contains(rsCode);
    }

    @Test
    void aDeclarationNamesARealFieldAndAWellFormedItem() {
        var ga = signedIn("ga_officer");
        var code = ga.post("/api/v1/resources", valid(unique("居住证"), "3205GA")).json().get("code").asString();
        var bad = ga.post("/api/v1/resources/" + code + "/authoritative-items", Map.of("item", "Person Name", "label", "", "field", "nope"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("violations").valueStream().map(v -> v.get("field").asString()))
                .containsExactlyInAnyOrder("item", "label", "field");
        assertThat(signedIn("rs_officer").post("/api/v1/resources/101-3205GA-000001/authoritative-items",
                Map.of("item", "person.birth_date", "label", "出生日期", "field", "birth_date")).status()).isEqualTo(403);
    }
}
