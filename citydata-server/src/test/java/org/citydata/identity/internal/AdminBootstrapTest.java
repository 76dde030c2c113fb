package org.citydata.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AdminBootstrapTest extends WebTest {

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    JdbcClient db;

    @Test
    void whenNoAdministratorIsLeftTheConfiguredOneIsCreatedAndCanSignIn() {
        bootstrap.ensureAdministrator();
        assertThat(db.sql("select count(*) from identity_user where username = 'admin'").query(Long.class).single())
                .as("with an enabled platform administrator present, nothing is created").isZero();
        try {
            db.sql("update identity_user set enabled = false where 'PLATFORM_ADMIN' = any(roles)").update();
            bootstrap.ensureAdministrator();
            var me = signedIn("admin", "Admin@12345").get("/api/v1/me").json();
            assertThat(me.get("roles").get(0).asString()).isEqualTo("PLATFORM_ADMIN");
        } finally {
            db.sql("update identity_user set enabled = true where 'PLATFORM_ADMIN' = any(roles)").update();
        }
    }
}
