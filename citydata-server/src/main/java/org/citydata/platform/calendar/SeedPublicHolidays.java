package org.citydata.platform.calendar;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Fills the working calendar from the bundled State Council arrangements, once, as a migration: a startup loader
 * would bring back every day an administrator deleted. Days already present are left as they are.
 */
@Component
class SeedPublicHolidays implements JavaMigration {

    static final String CSV = "reference/holidays/cn-public-holidays.csv";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2026.11.21.31");
    }

    @Override
    public String getDescription() {
        return "seed public holidays";
    }

    /** None: the file gains later years, which must not make this applied migration look tampered with. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (var reader = new InputStreamReader(new ClassPathResource(CSV).getInputStream(), StandardCharsets.UTF_8);
             var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
             var insert = context.getConnection().prepareStatement(
                     "insert into platform_calendar_day (day, kind, name, changed_by) values (?, ?, ?, 'system') on conflict (day) do nothing")) {
            for (var row : csv) {
                insert.setDate(1, Date.valueOf(LocalDate.parse(row.get("date"))));
                insert.setString(2, row.get("kind"));
                insert.setString(3, row.get("name"));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
