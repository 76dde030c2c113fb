package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogTransferTest extends WebTest {

    /** Fills the downloaded template: row values by header, so the test breaks if the template's columns change. */
    private byte[] workbook(Http client, List<Map<String, Object>> resources, List<Map<String, Object>> fields) throws IOException {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(client.bytes("/api/v1/resources/template.xlsx")))) {
            fill(book.getSheet("资源"), resources);
            fill(book.getSheet("信息项"), fields);
            var out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(Sheet sheet, List<Map<String, Object>> rows) {
        for (int r = sheet.getLastRowNum(); r >= 1; r--) sheet.removeRow(sheet.getRow(r)); // drop the example rows
        Row header = sheet.getRow(0);
        for (int i = 0; i < rows.size(); i++) {
            Row row = sheet.createRow(i + 1);
            for (var cell : header) {
                Object v = rows.get(i).get(cell.getStringCellValue());
                if (v instanceof Number n) row.createCell(cell.getColumnIndex()).setCellValue(n.doubleValue());
                else if (v != null) row.createCell(cell.getColumnIndex()).setCellValue(v.toString());
            }
        }
    }

    private static Map<String, Object> resource(String seq, String name) {
        return new java.util.HashMap<>(Map.ofEntries(Map.entry("序号", seq), Map.entry("资源名称", name),
                Map.entry("提供方代码", "3205SC"), Map.entry("摘要", name + "，全市范围。"), Map.entry("资源类型", "基础资源"),
                Map.entry("主题", "法人"), Map.entry("数据格式", "数据库"), Map.entry("共享类型", "无条件共享"),
                Map.entry("共享方式", "接口、库表同步"), Map.entry("开放类型", "不予开放"), Map.entry("更新周期", "每日"),
                Map.entry("发布日期", "2025-06-30"), Map.entry("覆盖区域", "3205"), Map.entry("标签", "企业、登记")));
    }

    private static Map<String, Object> field(String seq, String name, String label, String type, Object length, String key) {
        var f = new java.util.HashMap<String, Object>(Map.of("资源序号", seq, "字段名", name, "中文名称", label, "数据类型", type,
                "分级", "L1 公开", "是否主键", key));
        f.put("长度", length);
        return f;
    }

    private long countNamed(Http client, String marker) {
        return client.get("/api/v1/resources?q=" + marker.toLowerCase()).json().get("total").asLong();
    }

    @Test
    void aFileWithOneBadRowImportsNothingAndNamesSheetRowAndColumn() throws IOException {
        var officer = signedIn("sc_officer");
        String marker = unique("IMP");
        var good = resource("1", "个体工商户登记信息" + marker);
        var bad = resource("2", "食品抽检结果" + marker);
        bad.put("共享类型", "有条件共享"); // but no 共享条件
        bad.put("更新周期", "每两天");     // not a choice
        var file = workbook(officer, List.of(good, bad), List.of(
                field("1", "credit_code", "统一社会信用代码", "字符串", 18, "是"),
                field("2", "sample_no", "抽检编号", "字符串", 30, "是"),
                field("2", "Bad-Name", "结果", "字符串", 10, "否"),
                field("3", "orphan", "无主字段", "字符串", 10, "否")));

        var rejected = officer.upload("/api/v1/resources/import", "catalog.xlsx", file, Map.of());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(400);
        assertThat(rejected.json().get("code").asString()).isEqualTo("CATALOG_IMPORT_REJECTED");
        var errors = rejected.json().get("report").get("errors");
        assertThat(errors.valueStream().map(e -> e.get("sheet").asString() + "!" + e.get("row").asInt() + " " + e.get("column").asString()))
                .contains("资源!3 M 更新周期", "资源!3 I 共享条件", "信息项!4 B 字段名", "信息项!5 A 资源序号");
        assertThat(errors.valueStream().map(e -> e.get("message").asString())).anyMatch(m -> m.contains("每两天"));
        assertThat(countNamed(officer, marker)).as("nothing imported").isZero();

        var partial = officer.upload("/api/v1/resources/import", "catalog.xlsx", file, Map.of("validOnly", "true"));
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().get("created").size()).isEqualTo(1);
        assertThat(partial.json().get("errors").size()).isEqualTo(errors.size());
        var code = partial.json().get("created").get(0).asString();
        JsonNode imported = officer.get("/api/v1/resources/" + code).json();
        assertThat(imported.get("status").asString()).isEqualTo("DRAFT");
        assertThat(imported.get("metadata").get("shareMethods").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("API", "BULK_SYNC");
        assertThat(imported.get("metadata").get("fields").get(0).get("name").asString()).isEqualTo("credit_code");
    }

    @Test
    void withValidRowsOnlyAResourceWithAnUnreadableFieldCellIsStillLeftOut() throws IOException {
        var officer = signedIn("sc_officer");
        String marker = unique("FLD");
        var file = workbook(officer, List.of(resource("1", "双随机抽查结果" + marker)), List.of(
                field("1", "check_no", "检查编号", "字符串", 20, "是"),
                field("1", "score", "评分", "小数", "abc", "否")));
        var r = officer.upload("/api/v1/resources/import", "x.xlsx", file, Map.of("validOnly", "true"));
        assertThat(r.status()).isEqualTo(400); // nothing was valid, so nothing was imported
        assertThat(r.json().get("report").get("errors").get(0).get("column").asString()).endsWith("长度");
        assertThat(countNamed(officer, marker)).isZero();
    }

    @Test
    void rowsForAnotherDepartmentAreRefusedAtTheProviderCell() throws IOException {
        var officer = signedIn("sc_officer");
        var foreign = resource("1", "冒名资源" + unique("F"));
        foreign.put("提供方代码", "3205GA");
        var file = workbook(officer, List.of(foreign), List.of(field("1", "id", "编号", "整数", null, "是")));
        var r = officer.upload("/api/v1/resources/import", "x.xlsx", file, Map.of());
        var error = r.json().get("report").get("errors").get(0);
        assertThat(error.get("column").asString()).endsWith("提供方代码");
        assertThat(error.get("message").asString()).contains("无权操作");
    }

    @Test
    void somethingThatIsNotASpreadsheetIsRefusedClearly() {
        var officer = signedIn("sc_officer");
        var r = officer.upload("/api/v1/resources/import", "catalog.xlsx", "名称,代码\n企业,1\n".getBytes(), Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("report").get("errors").get(0).get("message").asString()).contains("不是有效的 XLSX");
        var missingSheet = officer.upload("/api/v1/resources/import", "empty.xlsx", emptyWorkbook(), Map.of());
        assertThat(missingSheet.json().get("report").get("errors").valueStream().map(e -> e.get("message").asString()))
                .anyMatch(m -> m.contains("缺少工作表“资源”"));
    }

    @Test
    void anUploadOverTheLimitGets413AndNothingElse() {
        var officer = signedIn("sc_officer");
        var r = officer.upload("/api/v1/resources/import", "big.xlsx", new byte[21 * 1024 * 1024], Map.of());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(r.json().get("detail").asString()).contains("20,971,520");
    }

    @Test
    void exportRoundTripsThroughTheTemplateAndJsonCarriesTheSameResources() throws IOException {
        var officer = signedIn("wl_officer");
        byte[] xlsx = officer.bytes("/api/v1/resources/export.xlsx?provider=3205WL");
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("资源");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("资源名称");
            var names = new java.util.ArrayList<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) names.add(sheet.getRow(r).getCell(1).getStringCellValue());
            var json = officer.get("/api/v1/resources/export.json?provider=3205WL").json();
            assertThat(names).hasSize(json.size()).isNotEmpty();
            assertThat(json.valueStream().map(r -> r.get("metadata").get("name").asString())).containsExactlyInAnyOrderElementsOf(names);
            assertThat(book.getSheet("信息项").getLastRowNum()).isPositive();
        }
        assertThat(officer.get("/api/v1/resources/export.pdf").status()).isEqualTo(404);
    }

    @Test
    void anExportedCatalogImportsBackAsNewDrafts() throws IOException {
        var officer = signedIn("tj_officer");
        byte[] exported = officer.bytes("/api/v1/resources/export.xlsx?provider=3205TJ&status=PUBLISHED");
        var r = officer.upload("/api/v1/resources/import", "roundtrip.xlsx", exported, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var published = officer.get("/api/v1/resources?provider=3205TJ&status=PUBLISHED").json().get("total").asInt();
        assertThat(r.json().get("created").size()).isEqualTo(published);
    }

    private static byte[] emptyWorkbook() {
        try (var book = new XSSFWorkbook()) {
            book.createSheet("Sheet1");
            var out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
