package org.citydata.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.datastore.People.enc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ExportTest extends WebTest {

    @Autowired
    JdbcClient db;

    private Http officer;
    private String code;

    @BeforeEach
    void sixPeopleLoaded() {
        officer = signedIn("ga_officer");
        code = People.loaded(officer, unique("导出测试人口"));
    }

    private String export(String query) {
        return "/api/v1/resources/" + code + "/data/export?" + query;
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        return CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
    }

    private long resourceId() {
        return db.sql("select id from catalog_resource where code = ?").param(code).query(Long.class).single();
    }

    /** The last access record of the resource: who, purpose, fields and row count. */
    private String lastAccess() {
        return db.sql("select actor || ' ' || purpose || ' ' || fields::text || ' ' || row_count from audit_record "
                + "where resource_code = ? and action = 'EXPORT_END' order by seq desc limit 1").param(code).query(String.class).single();
    }

    @Test
    void csvHasAHeaderOfFieldNamesAndEveryRowQuotedAsRfc4180Wants() throws Exception {
        var r = officer.get(export("format=csv"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + code + "-v1.csv\"");
        assertThat(r.body()).doesNotStartWith("\uFEFF").startsWith("id,name,age,score,active,birth_date,note\r\n");
        var records = csv(r.body());
        assertThat(records).hasSize(7);
        assertThat(records.get(1).values()).containsExactly("P01", "张三", "30", "88.5", "true", "1994-05-01", "a, b");
        assertThat(records.get(2).values()).containsExactly("P02", "李四", "25", "92.25", "false", "1999-12-31", "");
        assertThat(records.get(3).get(6)).isEqualTo("引号\"x\"");
        assertThat(records.get(4).values()).containsExactly("P04", "张三丰", "70", "60", "false", "", "line1:x");
        assertThat(records.get(6).get(2)).isEmpty();
        assertThat(lastAccess()).isEqualTo("ga_officer export {id,name,age,score,active,birth_date,note} 6");
    }

    @Test
    void jsonLinesHaveOneTypedObjectPerLine() {
        var r = officer.get(export("format=jsonl"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/jsonl");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + code + "-v1.jsonl\"");
        assertThat(r.body()).endsWith("}\n");
        var lines = r.body().split("\n");
        assertThat(lines).hasSize(6);
        var first = json.readTree(lines[0]);
        assertThat(first.get("id").asString()).isEqualTo("P01");
        assertThat(first.get("name").asString()).isEqualTo("张三");
        assertThat(first.get("age").isIntegralNumber()).isTrue();
        assertThat(first.get("age").asLong()).isEqualTo(30);
        assertThat(first.get("score").decimalValue()).isEqualByComparingTo("88.5");
        assertThat(first.get("active").isBoolean()).isTrue();
        assertThat(first.get("birth_date").asString()).isEqualTo("1994-05-01");
        var last = json.readTree(lines[5]);
        assertThat(last.get("age").isNull()).as("empty values are there, as null").isTrue();
        assertThat(last.get("note").asString()).isEqualTo("50%_off");
        assertThat(lastAccess()).endsWith(" 6");
    }

    @Test
    void jsonIsOneArrayOfTheSameTypedObjectsAsJsonLines() {
        var r = officer.get(export("format=json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + code + "-v1.json\"");
        var array = json.readTree(r.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(6);
        var lines = officer.get(export("format=jsonl")).body().split("\n");
        for (int i = 0; i < 6; i++) assertThat(array.get(i)).isEqualTo(json.readTree(lines[i]));
        assertThat(array.get(0).get("age").isIntegralNumber()).isTrue();
        assertThat(lastAccess()).endsWith(" 6");
    }

    @Test
    void xlsxHasLabelsThenTypedCells() throws Exception {
        var headers = officer.get(export("format=xlsx"));
        assertThat(headers.status()).isEqualTo(200);
        assertThat(headers.header("Content-Type")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(headers.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + code + "-v1.xlsx\"");
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(officer.bytes(export("format=xlsx"))))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo(code);
            assertThat(sheet.getLastRowNum()).isEqualTo(6);
            var labels = new ArrayList<String>();
            sheet.getRow(0).forEach(c -> labels.add(c.getStringCellValue()));
            assertThat(labels).containsExactly("编号", "姓名", "年龄", "评分", "在册", "出生日期", "备注");
            var p01 = sheet.getRow(1);
            assertThat(p01.getCell(0).getStringCellValue()).isEqualTo("P01");
            assertThat(p01.getCell(1).getStringCellValue()).isEqualTo("张三");
            assertThat(p01.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(p01.getCell(2).getNumericCellValue()).isEqualTo(30.0);
            assertThat(p01.getCell(3).getNumericCellValue()).isEqualTo(88.5);
            assertThat(p01.getCell(4).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(p01.getCell(4).getBooleanCellValue()).isTrue();
            assertThat(DateUtil.isCellDateFormatted(p01.getCell(5))).isTrue();
            assertThat(p01.getCell(5).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(1994, 5, 1, 0, 0));
            assertThat(p01.getCell(6).getStringCellValue()).isEqualTo("a, b");
            assertThat(sheet.getRow(6).getCell(2)).as("an empty value is an empty cell").isNull();
        }
        assertThat(lastAccess()).endsWith(" 6");
    }

    @Test
    void anExportTakesTheSameFieldsFiltersAndSortAsAPage() throws Exception {
        var r = officer.get(export("format=csv&fields=id,name,age&sort=-age&filter=" + enc("name:contains:张")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var records = csv(r.body());
        assertThat(records).hasSize(3);
        assertThat(records.get(0).values()).containsExactly("id", "name", "age");
        assertThat(records.get(1).values()).containsExactly("P04", "张三丰", "70");
        assertThat(records.get(2).values()).containsExactly("P01", "张三", "30");
        assertThat(lastAccess()).isEqualTo("ga_officer export {id,name,age} 2");

        // one filter parameter whose in-list has commas stays one filter
        var in = officer.get(export("fields=id&filter=" + enc("name:in:张三,李四")));
        assertThat(csv(in.body())).hasSize(3);
        var bad = officer.get(export("filter=" + enc("age:gt:abc")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("DATASTORE_BAD_FILTER");
        var format = officer.get(export("format=pdf"));
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_FORMAT");
    }

    @Test
    void anApplicationTokenExportsTheSameFile() throws Exception {
        var issued = signedIn("ga_admin").post("/api/v1/tokens", Map.of("name", "导出系统", "departmentCode", "3205GA",
                "scopes", List.of("CATALOG_READ"), "validDays", 1));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        var app = withToken(issued.json().get("secret").asString());
        var r = app.get(export("format=csv&fields=id"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("id\r\nP01\r\nP02\r\nP03\r\nP04\r\nP05\r\nP06\r\n");
        assertThat(lastAccess()).startsWith("token#").endsWith(" 6");
    }

    @Test
    void anotherDepartmentIsRefusedBeforeAnyByteAndTheRefusalIsRecorded() {
        long before = db.sql("select count(*) from audit_record where resource_code = ? and outcome = 'DENIED'").param(code).query(Long.class).single();
        var other = signedIn("rs_officer");
        var draft = other.get(export("format=csv"));
        assertThat(draft.status()).isEqualTo(404); // a draft of another department does not exist for them
        assertThat(draft.json().get("code").asString()).isEqualTo("CATALOG_NOT_FOUND");
        assertThat(officer.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);
        for (String format : List.of("csv", "json", "jsonl", "xlsx")) {
            var refused = other.get(export("format=" + format));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Content-Disposition")).isNull();
            assertThat(refused.json().get("code").asString()).isEqualTo("DATASTORE_NO_ACCESS");
        }
        long after = db.sql("select count(*) from audit_record where resource_code = ? and outcome = 'DENIED' and actor = 'rs_officer' and problem_code = 'DATASTORE_NO_ACCESS'")
                .param(code).query(Long.class).single();
        assertThat(after).isEqualTo(before + 4);
        assertThat(db.sql("select count(*) from audit_record where resource_code = ? and outcome = 'ALLOWED' and actor = 'rs_officer'")
                .param(code).query(Long.class).single()).isZero();
        assertThat(signedIn("dsj_auditor").get(export("format=csv")).status()).as("the bureau's auditors may").isEqualTo(200);
    }

    @Test
    void aResourceWithoutDataHasNothingToExport() {
        String empty = People.register(officer, unique("无数据人口"));
        var r = officer.get("/api/v1/resources/" + empty + "/data/export?format=csv");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asString()).isEqualTo("DATASTORE_NO_DATA");
        assertThat(officer.get("/resources/" + empty + "/data").body()).doesNotContain("export-links");
        assertThat(officer.get("/resources/" + code + "/data").body()).contains("id=\"export-csv\"")
                .contains("/api/v1/resources/" + code + "/data/export?format=xlsx");
    }

    @Test
    void moreRowsThanASheetHoldsAreRefusedForXlsxWithAHintToUseCsv() throws Exception {
        // the check trusts the version's row count: raise it rather than load a million rows
        db.sql("update datastore_version set row_count = 1048576 where resource_id = ?").param(resourceId()).update();
        var r = officer.get(export("format=xlsx"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("DATASTORE_EXPORT_TOO_LARGE");
        assertThat(r.json().get("detail").asString()).contains("CSV");
        assertThat(officer.get(export("format=xlsx&filter=" + enc("age:gt:0"))).status())
                .as("a filter that leaves few rows is counted, and fits").isEqualTo(200);
        assertThat(csv(officer.get(export("format=csv")).body())).hasSize(7);
    }
}
