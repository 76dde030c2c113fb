package org.citydata.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
                + "(select id from identity_department where code like '3205%')").query(Long.class).single()).isGreaterThanOrEqualTo(42);
        assertThat(db.sql("select count(distinct status) from catalog_resource").query(Long.class).single()).isEqualTo(3);
        // every seeded resource has its history, starting with its creation
        assertThat(db.sql("select count(*) from catalog_resource r where not exists (select 1 from catalog_resource_version v "
                + "where v.resource_id = r.id and v.version = 1 and v.action = 'CREATE')").query(Long.class).single()).isZero();
        // the demo passwords documented in the README work
        assertThat(signedIn("ga_officer").get("/api/v1/me").json().get("roles").get(0).asString()).isEqualTo("DATA_OFFICER");
        // a platform that already has departments is never mixed with the demo
        assertThat(demo.seed()).isFalse();
    }
}
