package org.citydata.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    /** Null when an external database is configured; Spring closes it after the pool. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(DatabaseProperties props) throws IOException {
        if (props.external()) return new EmbeddedPostgresHolder(null);
        return new EmbeddedPostgresHolder(
                EmbeddedPostgresServer.start(props.embeddedDir(), props.embeddedPort(), props.embeddedClean()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties props, EmbeddedPostgresHolder embedded) {
        var config = new HikariConfig();
        config.setPoolName("citydata");
        config.setMaximumPoolSize(props.poolSize());
        // a JDBC batch of inserts goes as a few multi-row INSERTs, not one statement per row (the access log's writer)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (props.external()) {
            config.setJdbcUrl(props.url());
            config.setUsername(props.username());
            config.setPassword(props.password());
        } else {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername("postgres");
        }
        return new HikariDataSource(config);
    }

    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (server != null) server.close();
        }
    }

}
