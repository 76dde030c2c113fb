package org.citydata.ingest;

import java.util.Map;
import org.citydata.datastore.LoadMode;

/**
 * What a person submits to create or change a source. A null {@code secret} keeps the stored one; "" removes it.
 * A null {@code cron} with {@code scheduled} uses the schedule derived from the resource's update cycle.
 */
public record SourceForm(SourceKind kind, String name, LoadMode mode, Map<String, String> mapping, JdbcSettings jdbc,
                         HttpSettings http, String secret, Boolean scheduled, String cron) {

    public SourceForm {
        scheduled = Boolean.TRUE.equals(scheduled);
    }
}
