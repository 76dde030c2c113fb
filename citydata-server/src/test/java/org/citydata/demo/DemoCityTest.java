package org.citydata.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import java.util.Map;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DemoCityTest extends WebTest {

    @Autowired
    DemoCity demo;

    @Autowired
    JdbcClient db;

    @Test
    void theDemoCityIsSeededThroughTheProductsOwnRulesAndOnlyOnce() {
        assertThat(db.sql("select count(*) from identity_department where code like '3205%'").query(Long.class).single()).isEqualTo(22);
        assertThat(db.sql("select count(*) from catalog_resource where code like '%-3205%-%' and provider_id in "
                + "(select id from identity_department where code like '3205%')").query(Long.class).single()).isGreaterThanOrEqualTo(43);
        assertThat(db.sql("select count(distinct status) from catalog_resource").query(Long.class).single()).isEqualTo(3);
        // every seeded resource has its history, starting with its creation
        assertThat(db.sql("select count(*) from catalog_resource r where not exists (select 1 from catalog_resource_version v "
                + "where v.resource_id = r.id and v.version = 1 and v.action = 'CREATE')").query(Long.class).single()).isZero();
        // the demo passwords documented in the README work
        assertThat(signedIn("ga_officer").get("/api/v1/me").json().get("roles").get(0).asString()).isEqualTo("DATA_OFFICER");
        // a platform that already has departments is never mixed with the demo
        assertThat(demo.seed()).isFalse();
    }

    private String code(String name) {
        return db.sql("select code from catalog_resource where name = ?").param(name).query(String.class).single();
    }

    @Test
    void theProvidersOfficerLoadedGeneratedRowsWhoseIdentityNumbersAreValid() {
        var officer = signedIn("ga_officer");
        String code = code("常住人口基本信息");
        var page = officer.get("/api/v1/resources/" + code + "/data/rows?size=500").json();
        assertThat(page.get("version").asInt()).isEqualTo(1);
        assertThat(page.get("total").asLong()).isEqualTo(297); // 300 generated, 3 spoiled on purpose
        assertThat(page.get("rows").size()).isEqualTo(297);
        assertThat(page.get("rows").valueStream().map(r -> r.get(0).asString())).allSatisfy(id -> assertThat(ResidentIdNumber.isValid(id)).as(id).isTrue());

        var run = officer.get("/api/v1/resources/" + code + "/data/runs").json().get(0);
        assertThat(run.get("startedBy").asString()).isEqualTo("ga_officer");
        assertThat(run.get("rowsRead").asLong()).isEqualTo(300);
        assertThat(run.get("rowsRejected").asLong()).isEqualTo(3);
        var quarantine = officer.get("/api/v1/data/runs/" + run.get("id").asLong() + "/quarantine").json();
        assertThat(quarantine.valueStream().map(q -> q.get("reason").asString())).contains("id.check", "value.date");

        var market = signedIn("sc_officer");
        String entities = code("市场主体登记信息");
        var codes = market.get("/api/v1/resources/" + entities + "/data/rows?size=500&fields=credit_code").json();
        assertThat(codes.get("total").asLong()).isEqualTo(477);
        assertThat(codes.get("rows").valueStream().map(r -> r.get(0).asString())).allSatisfy(c -> assertThat(CreditCode.isValid(c)).as(c).isTrue());
        var marketRun = market.get("/api/v1/resources/" + entities + "/data/runs").json().get(0);
        assertThat(market.get("/api/v1/data/runs/" + marketRun.get("id").asLong() + "/quarantine").json().valueStream()
                .map(q -> q.get("reason").asString())).contains("credit.check");
    }

    @Test
    void openableResourcesArePublicOnThePortalWithOneInReviewAndOneBlocked() {
        var anyone = anonymous();
        var bus = anyone.get("/api/open/v1/datasets/" + code("公交线路与站点信息"));
        assertThat(bus.status()).as(bus.body()).isEqualTo(200);
        var rows = anyone.get("/api/open/v1/datasets/" + code("公交线路与站点信息") + "/records?size=1").json();
        assertThat(rows.get("meta").get("total").asLong()).isPositive();
        // a conditionally opened one is described to anyone, its rows need a key
        assertThat(anyone.get("/api/open/v1/datasets/" + code("市场主体登记信息") + "/records").status()).isEqualTo(401);
        var states = db.sql("select r.name, o.state from opendata_opening o join catalog_resource r on r.id = o.resource_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        assertThat(states).contains(Map.entry("文化场馆信息", "IN_REVIEW"), Map.entry("人力资源服务机构名录", "BLOCKED"));
        assertThat(states.stream().filter(e -> e.getValue().equals("PUBLISHED")).count()).isGreaterThanOrEqualTo(10);
        assertThat(anyone.get("/open/datasets?q=" + java.net.URLEncoder.encode("公交线路", java.nio.charset.StandardCharsets.UTF_8)).body())
                .contains("公交线路与站点信息");
    }

    @Test
    void theDivisionsOfAllChinaAreABaseResourceOfTheBureau() {
        String code = code("行政区划代码（GB/T 2260）基础库");
        assertThat(code).startsWith("111-3205DSJ-");
        var page = signedIn("dsj_officer").get("/api/v1/resources/" + code + "/data/rows?size=3").json();
        assertThat(page.get("total").asLong()).isEqualTo(31 + 342 + 2978 + 41352);
        assertThat(page.get("fields").valueStream().map(f -> f.asString())).containsExactly("code", "name", "level", "parent_code");
        String table = db.sql("select v.table_name from datastore_current c join datastore_version v on v.id = c.version_id "
                + "join catalog_resource r on r.id = c.resource_id where r.code = ?").param(code).query(String.class).single();
        assertThat(db.sql("select name || ' ' || level || ' ' || parent_code from dataset." + table + " where code = '320505'")
                .query(String.class).single()).isEqualTo("虎丘区 county 3205");
    }

    @Test
    void someDepartmentsLagSoTheCollectionRateIsNeitherNothingNorEverything() {
        var rate = signedIn("dsj_admin").get("/api/v1/collection-rate").json();
        double share = rate.get("city").get("collected").asDouble() / rate.get("city").get("published").asDouble();
        assertThat(share).isGreaterThan(0).isLessThan(1);
        var zr = rate.get("departments").valueStream().filter(d -> d.get("departmentCode").asString().equals("3205ZR")).findFirst().orElseThrow();
        assertThat(zr.get("collected").asLong()).isLessThan(zr.get("published").asLong());
    }
}
