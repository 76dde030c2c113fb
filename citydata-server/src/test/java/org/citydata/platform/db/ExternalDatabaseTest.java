package org.citydata.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citydata.CitydataApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** With CITYDATA_DB_URL the platform lives in that PostgreSQL and starts none of its own. */
class ExternalDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void anExternalDatabaseIsUsedAndNoEmbeddedOneIsStarted() throws Exception {
        try (var external = EmbeddedPostgres.builder().start()) { // stands in for the city's own PostgreSQL server
            var url = external.getJdbcUrl("postgres", "postgres");
            try (var context = new SpringApplicationBuilder(CitydataApplication.class).web(WebApplicationType.NONE)
                    .run("--citydata.db.url=" + url, "--citydata.db.username=postgres", "--citydata.data-dir=" + dataDir,
                            "--citydata.admin.password=Admin@12345", "--logging.level.root=WARN")) {
                assertThat(context.getBean(DatabaseConfiguration.EmbeddedPostgresHolder.class).server()).isNull();
                assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
            }
            try (var c = external.getPostgresDatabase().getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("select username from identity_user")) {
                assertThat(rs.next()).as("the first administrator was created in the external database").isTrue();
                assertThat(rs.getString(1)).isEqualTo("admin");
            }
        }
    }
}
