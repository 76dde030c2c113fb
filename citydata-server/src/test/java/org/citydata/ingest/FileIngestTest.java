package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class FileIngestTest extends WebTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Autowired
    JdbcClient db;

    private Http officer;
    private String code;

    @BeforeEach
    void aResourceWithIdentifierFields() {
        officer = signedIn("ga_officer");
        var draft = with(valid(unique("暂住人口登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 10, "L3", false),
                field("birth_date", "出生日期", "DATE", null, "L3", false),
                field("mobile", "手机号码", "MOBILE", null, "L4", false)));
        code = officer.post("/api/v1/resources", draft).json().get("code").asString();
    }

    /** A valid resident ID for a serial number: region 320506, born 1990-01-01. */
    private static String id(int serial) {
        String first17 = "32050619900101" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String csv(int rows, int badEvery) {
        var sb = new StringBuilder("公民身份号码,姓名,出生日期,手机号码\n");
        for (int i = 1; i <= rows; i++) {
            String id = badEvery > 0 && i % badEvery == 0 ? id(i).substring(0, 17) + (id(i).charAt(17) == '1' ? '2' : '1') : id(i);
            sb.append(id).append(",居民").append(i).append(",1990/1/1,138 0000 ").append(String.format("%04d", i)).append('\n');
        }
        return sb.toString();
    }

    private Http.Response upload(String content, Charset charset, Map<String, String> options) {
        return officer.upload("/api/v1/resources/" + code + "/data/uploads", "暂住人口.csv", content.getBytes(charset), options);
    }

    @Test
    void aGbkFileWithAFewBadRowsLoadsTheRestAndQuarantinesThem() {
        var r = upload(csv(100, 25), GBK, Map.of()); // rows 25, 50, 75, 100 carry a wrong check digit: 4%
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var run = r.json();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("encoding").asString()).isEqualTo("GB18030");
        assertThat(run.get("rowsRead").asLong()).isEqualTo(100);
        assertThat(run.get("rowsLoaded").asLong()).isEqualTo(96);
        assertThat(run.get("rowsRejected").asLong())
                .as(officer.get("/api/v1/data/runs/" + run.get("id").asLong() + "/quarantine").body()).isEqualTo(4);
        assertThat(run.get("version").asInt()).isEqualTo(1);

        var quarantine = officer.get("/api/v1/data/runs/" + run.get("id").asLong() + "/quarantine").json();
        assertThat(quarantine.size()).as(quarantine.toString()).isEqualTo(4);
        assertThat(quarantine.get(0).get("line").asLong()).isEqualTo(26); // the header is line 1
        assertThat(quarantine.get(0).get("field").asString()).isEqualTo("id_number");
        assertThat(quarantine.get(0).get("reason").asString()).isEqualTo("id.check");

        var download = new String(officer.bytes("/api/v1/data/runs/" + run.get("id").asLong() + "/quarantine.csv"), StandardCharsets.UTF_8);
        assertThat(download).startsWith("\uFEFFline,field,value,reason").contains("26,id_number,").contains(",id.check");
        assertThat(download.lines().count()).isEqualTo(5);

        var rows = officer.get("/api/v1/resources/" + code + "/data/rows?size=2").json();
        assertThat(rows.get("total").asLong()).isEqualTo(96);
        assertThat(rows.get("fields").get(0).asString()).isEqualTo("id_number");
        assertThat(rows.get("rows").get(0).get(1).asString()).isEqualTo("居民1");
        assertThat(rows.get("rows").get(0).get(2).asString()).isEqualTo("1990-01-01"); // dates normalised
        assertThat(rows.get("rows").get(0).get(3).asString()).isEqualTo("13800000001"); // mobiles normalised
    }

    @Test
    void tooManyBadRowsLoadNothingAndThePreviousVersionStaysVisible() {
        assertThat(upload(csv(20, 0), StandardCharsets.UTF_8, Map.of()).status()).isEqualTo(201);
        var r = upload(csv(20, 2), StandardCharsets.UTF_8, Map.of()); // half of the rows fail
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("INGEST_TOO_MANY_REJECTED");
        assertThat(r.json().get("run").get("status").asString()).isEqualTo("FAILED");
        var versions = officer.get("/api/v1/resources/" + code + "/data/versions").json();
        assertThat(versions.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("version").asInt()).isEqualTo(1);
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("total").asLong()).isEqualTo(20);
    }

    @Test
    void aNewVersionCountsWhatWasAddedChangedAndRemovedByKey() {
        upload(csv(10, 0), StandardCharsets.UTF_8, Map.of());
        // rows 1–8 again, row 2 with a new name, and rows 11–12 new: 2 added, 1 changed, 2 removed (9, 10)
        var sb = new StringBuilder("id_number,name,birth_date,mobile\n");
        for (int i = 1; i <= 12; i++) {
            if (i == 9 || i == 10) continue;
            sb.append(id(i)).append(i == 2 ? ",改名" : ",居民" + i).append(",1990-01-01,1380000").append(String.format("%04d", i)).append('\n');
        }
        var r = upload(sb.toString(), StandardCharsets.UTF_8, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var v2 = officer.get("/api/v1/resources/" + code + "/data/versions").json().get(0);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("rowCount").asLong()).isEqualTo(10);
        assertThat(v2.get("added").asLong()).isEqualTo(2);
        assertThat(v2.get("changed").asLong()).isEqualTo(1);
        assertThat(v2.get("removed").asLong()).isEqualTo(2);
    }

    @Test
    void jsonArraysAndJsonLinesLoadLikeCsvWithTheSameChecks() {
        var bad = id(3).substring(0, 17) + (id(3).charAt(17) == '1' ? '2' : '1');
        var array = "[\n {\"id_number\": \"" + id(1) + "\", \"姓名\": \"甲\", \"birth_date\": \"1990-01-01\", \"extra\": 7},\n"
                + " {\"id_number\": \"" + id(2) + "\", \"name\": \"乙\", \"mobile\": 13800000002},\n"
                + " {\"id_number\": \"" + bad + "\", \"name\": \"丙\"}\n]";
        // 1 of 3 rejected is over 5 %: allowed here only to see the checks apply, so lower the bar with a bigger file
        var many = new StringBuilder();
        for (int i = 10; i < 60; i++) many.append("{\"id_number\": \"").append(id(i)).append("\", \"name\": \"居民").append(i).append("\"}\n");
        var lines = officer.upload("/api/v1/resources/" + code + "/data/uploads", "rows.jsonl",
                (many + "{\"id_number\": \"" + bad + "\"}\n").getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(lines.status()).as(lines.body()).isEqualTo(201);
        assertThat(lines.json().get("delimiter").asString()).isEqualTo("JSON");
        assertThat(lines.json().get("rowsLoaded").asLong()).isEqualTo(50);
        assertThat(lines.json().get("rowsRejected").asLong()).isEqualTo(1);
        var q = officer.get("/api/v1/data/runs/" + lines.json().get("id").asLong() + "/quarantine").json();
        assertThat(q.get(0).get("line").asLong()).isEqualTo(51);
        assertThat(q.get(0).get("reason").asString()).isEqualTo("id.check");

        var arr = officer.upload("/api/v1/resources/" + code + "/data/uploads", "rows.json", array.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(arr.json().get("code").asString()).isEqualTo("INGEST_TOO_MANY_REJECTED"); // 1 of 3
        var ok = officer.upload("/api/v1/resources/" + code + "/data/uploads", "rows.json",
                array.replace(",\n {\"id_number\": \"" + bad + "\", \"name\": \"丙\"}", "").getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        var rows = officer.get("/api/v1/resources/" + code + "/data/rows").json().get("rows");
        assertThat(rows.get(0).get(1).asString()).isEqualTo("甲"); // found by its Chinese label
        assertThat(rows.get(1).get(3).asString()).isEqualTo("13800000002"); // a number where text is expected

        var broken = officer.upload("/api/v1/resources/" + code + "/data/uploads", "rows.json",
                "[{\"id_number\": \"x\",\n \"name\": }]".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(broken.json().get("code").asString()).isEqualTo("INGEST_MALFORMED_JSON");
        assertThat(broken.json().get("detail").asString()).contains("第 2 行");
    }

    @Test
    void theCollectionRateCountsPublishedResourcesThatHaveData() {
        var before = officer.get("/api/v1/collection-rate").json();
        long published = before.get("city").get("published").asLong();
        long collected = before.get("city").get("collected").asLong();
        officer.post("/api/v1/resources/" + code + "/publish", Map.of());
        var afterPublish = officer.get("/api/v1/collection-rate").json();
        assertThat(afterPublish.get("city").get("published").asLong()).isEqualTo(published + 1);
        assertThat(afterPublish.get("city").get("collected").asLong()).isEqualTo(collected);
        upload(csv(3, 0), StandardCharsets.UTF_8, Map.of());
        var afterLoad = officer.get("/api/v1/collection-rate").json();
        assertThat(afterLoad.get("city").get("collected").asLong()).isEqualTo(collected + 1);
        var ga = afterLoad.get("departments").valueStream().filter(d -> d.get("departmentCode").asString().equals("3205GA")).findFirst().orElseThrow();
        assertThat(ga.get("collected").asLong()).isPositive();
        assertThat(ga.get("percent").asDouble()).isEqualTo(Math.round(ga.get("collected").asLong() * 1000.0 / ga.get("published").asLong()) / 10.0);
    }

    @Test
    void brokenFilesAreRefusedWithWhatAndWhere() {
        assertThat(upload("", StandardCharsets.UTF_8, Map.of()).json().get("code").asString()).isEqualTo("INGEST_EMPTY_FILE");
        assertThat(upload("公民身份号码,姓名,出生日期,手机号码\n", StandardCharsets.UTF_8, Map.of()).json().get("code").asString())
                .isEqualTo("INGEST_NO_ROWS");
        var columns = upload("公民身份号码,名字,出生日期,手机号码\n" + id(1) + ",甲,1990-01-01,13800000001\n", StandardCharsets.UTF_8, Map.of()).json();
        assertThat(columns.get("code").asString()).isEqualTo("INGEST_COLUMNS_MISMATCH");
        assertThat(columns.get("detail").asString()).contains("name（姓名）").contains("名字");
        var quote = upload("公民身份号码,姓名,出生日期,手机号码\n" + id(1) + ",\"未结束,1990-01-01,13800000001\n", StandardCharsets.UTF_8, Map.of());
        assertThat(quote.json().get("code").asString()).isEqualTo("INGEST_MALFORMED_CSV");
        var encoding = upload(csv(3, 0), GBK, Map.of("encoding", "UTF-8"));
        assertThat(encoding.json().get("code").asString()).isEqualTo("INGEST_ENCODING");
        var duplicate = upload("id_number,name,birth_date,mobile\n" + id(1) + ",甲,,\n" + id(1) + ",乙,,\n", StandardCharsets.UTF_8, Map.of());
        assertThat(duplicate.json().get("code").asString()).isEqualTo("DATASTORE_DUPLICATE_KEY");
        assertThat(duplicate.json().get("detail").asString()).contains(id(1));
        var ragged = upload(csv(40, 0) + id(41) + ",多,1990-01-01,13800000041,多余\n", StandardCharsets.UTF_8, Map.of());
        assertThat(ragged.status()).isEqualTo(201);
        var q = officer.get("/api/v1/data/runs/" + ragged.json().get("id").asLong() + "/quarantine").json();
        assertThat(q.get(0).get("reason").asString()).isEqualTo("row.ragged");
        // none of the failures above left a dataset behind: only the ragged file's load is current
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("total").asLong()).isEqualTo(40);
    }

    @Test
    void aConsoleLoadRunsInTheBackgroundReportsProgressAndCanBeCancelled() throws Exception {
        // large enough that the cancel lands while it runs, even on a busy machine
        var sb = new StringBuilder(20_000_000).append("id_number,name,birth_date,mobile\n");
        for (int i = 0; i < 650_000; i++) { // 18 MB, under the 20 MB upload limit
            String first17 = "320506" + LocalDate.of(1950, 1, 1).plusDays(i / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", i % 1000);
            sb.append(first17).append(ResidentIdNumber.checkCharacter(first17)).append(",居民,,\n");
        }
        var started = officer.upload("/resources/" + code + "/data/upload", "big.csv", sb.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(started.status()).isEqualTo(302);
        String runPath = started.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(runPath).matches("/data/runs/\\d+");
        long runId = Long.parseLong(runPath.substring("/data/runs/".length()));
        // progress shows while it runs
        var progressSeen = false;
        for (int i = 0; i < 100 && !progressSeen; i++) {
            var run = officer.get("/api/v1/resources/" + code + "/data/runs").json().get(0);
            progressSeen = run.get("status").asString().equals("RUNNING") && run.get("rowsRead").asLong() > 0;
            if (!progressSeen) Thread.sleep(100);
        }
        assertThat(progressSeen).as("a running load reports rows read before it ends").isTrue();
        assertThat(officer.form("/data/runs/" + runId + "/cancel", Map.of()).status()).isEqualTo(302);
        String status = "RUNNING";
        for (int i = 0; i < 300 && status.equals("RUNNING"); i++) {
            Thread.sleep(100);
            status = officer.get("/api/v1/resources/" + code + "/data/runs").json().get(0).get("status").asString();
        }
        var run = officer.get("/api/v1/resources/" + code + "/data/runs").json().get(0);
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("errorCode").asString()).isEqualTo("INGEST_CANCELLED");
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("code").asString()).isEqualTo("DATASTORE_NO_DATA");
    }

    @Test
    void onlyTheProviderLoadsAndReadsAndEveryReadIsRecorded() {
        upload(csv(5, 0), StandardCharsets.UTF_8, Map.of());
        var other = signedIn("rs_officer");
        assertThat(other.upload("/api/v1/resources/" + code + "/data/uploads", "x.csv", csv(5, 0).getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isIn(403, 404); // a draft of another department does not exist for them
        var staff = signedIn("ga_staff");
        assertThat(staff.upload("/api/v1/resources/" + code + "/data/uploads", "x.csv", csv(5, 0).getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isEqualTo(403);
        long before = db.sql("select count(*) from audit_record where actor = 'dsj_auditor'").query(Long.class).single();
        assertThat(signedIn("dsj_auditor").get("/api/v1/resources/" + code + "/data/rows?fields=name").json().get("rows").size()).isEqualTo(5);
        long after = db.sql("select count(*) from audit_record where actor = 'dsj_auditor'").query(Long.class).single();
        assertThat(after).isEqualTo(before + 1);
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows?fields=nope").json().get("code").asString())
                .isEqualTo("DATASTORE_UNKNOWN_FIELD");
    }
}
