package org.citydata.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citydata.db.*}. With {@code url} set (env {@code CITYDATA_DB_URL}) the platform uses that PostgreSQL and
 * starts none of its own; otherwise it runs an embedded PostgreSQL whose data lives in {@code embeddedDir}.
 */
@ConfigurationProperties("citydata.db")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        Path embeddedDir,
        int embeddedPort,
        boolean embeddedClean,
        int poolSize) {

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
