package org.citydata.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads what the index holds straight from the tables: one query for one resource or, streamed, for all. */
@Component
public class IndexEntries {

    private static final String SELECT = """
            select r.id, r.code, r.name, r.summary, d.code as provider_code, r.provider_id, r.theme, r.share_type,
                   r.open_type, r.format, r.update_cycle, r.status, r.tags, r.updated_at,
                   (select string_agg(f.label || ' ' || f.name || ' ' || coalesce(f.description, ''), ' ')
                      from catalog_field f where f.resource_id = r.id) as field_text
            from catalog_resource r join identity_department d on d.id = r.provider_id""";

    private final JdbcClient db;
    private final TransactionTemplate readOnly;

    IndexEntries(JdbcClient db, PlatformTransactionManager transactions) {
        this.db = db;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public ResourceIndex.Entry one(long id) {
        return db.sql(SELECT + " where r.id = ?").param(id).query(IndexEntries::map).single();
    }

    /** Streams every resource without holding them all: the rebuild of a large catalog stays in small memory. */
    public void all(Consumer<ResourceIndex.Entry> sink) {
        // PostgreSQL streams with a cursor only inside a transaction; otherwise it would fetch every row at once
        readOnly.executeWithoutResult(tx -> {
            try (var rows = db.sql(SELECT).withFetchSize(1000).query(IndexEntries::map).stream()) {
                rows.forEach(sink);
            }
        });
    }

    private static ResourceIndex.Entry map(ResultSet rs, int n) throws SQLException {
        return new ResourceIndex.Entry(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("summary"),
                rs.getString("provider_code"), rs.getLong("provider_id"), Theme.valueOf(rs.getString("theme")),
                ShareType.valueOf(rs.getString("share_type")), OpenType.valueOf(rs.getString("open_type")),
                DataFormat.valueOf(rs.getString("format")), UpdateCycle.valueOf(rs.getString("update_cycle")),
                ResourceStatus.valueOf(rs.getString("status")), ResourceRepository.strings(rs.getArray("tags")),
                rs.getString("field_text"), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
