package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Excel workbooks load like CSV: the first sheet, cells read as the officer sees them, bad rows by Excel row number. */
class XlsxIngestTest extends WebTest {

    private static final List<String> HEADER = List.of("公民身份号码", "姓名", "备注", "年龄", "月收入", "出生日期", "是否参保", "登记时间");

    private Http officer;
    private String code;

    @BeforeEach
    void aResourceOfEveryKindOfValue() {
        officer = signedIn("ga_officer");
        var draft = with(valid(unique("参保人员登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 10, "L3", false),
                field("note", "备注", "STRING", 20, "L2", false),
                field("age", "年龄", "INTEGER", null, "L3", false),
                field("income", "月收入", "DECIMAL", null, "L3", false),
                field("birth_date", "出生日期", "DATE", null, "L3", false),
                field("insured", "是否参保", "BOOLEAN", null, "L2", false),
                field("registered_at", "登记时间", "TIMESTAMP", null, "L2", false)));
        code = officer.post("/api/v1/resources", draft).json().get("code").asString();
    }

    /** A valid resident ID: region 320506, born 1990-01-01, the given serial. */
    private static String id(int serial) {
        String first17 = "32050619900101" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String wrongCheck(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
    }

    /**
     * Header in row 1; rows 2 and 3 with every kind of cell; row 4 a wrong ID; row 5 empty; rows 6–45 plain (row 6
     * with a zero-padded code). The IDs
     * are text cells, as an officer types them (a number cell keeps only 15 digits).
     */
    private static byte[] workbook() throws IOException {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("参保人员");
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            var chineseDate = wb.createCellStyle();
            chineseDate.setDataFormat(wb.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
            var zeroPadded = wb.createCellStyle();
            zeroPadded.setDataFormat(wb.createDataFormat().getFormat("000000"));
            var timeStyle = wb.createCellStyle();
            timeStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            header(sheet.createRow(0));

            var r2 = sheet.createRow(1);
            r2.createCell(0).setCellValue(id(1));
            r2.createCell(1).setCellValue("张三");
            // column 2 (备注) left without a cell: an empty cell in the middle
            r2.createCell(3).setCellValue(35);
            r2.createCell(4).setCellValue(8500.5);
            r2.createCell(5).setCellValue(LocalDate.of(1990, 1, 1));
            r2.getCell(5).setCellStyle(dateStyle);
            r2.createCell(6).setCellValue(true);
            r2.createCell(7).setCellValue(LocalDateTime.of(2024, 5, 1, 9, 30, 15));
            r2.getCell(7).setCellStyle(timeStyle);

            var r3 = sheet.createRow(2);
            r3.createCell(0).setCellValue(id(2));
            r3.createCell(1).setCellValue("李四");
            r3.createCell(2).setCellValue("外来务工");
            r3.createCell(3).setCellFormula("30+2"); // a formula: its cached result is read
            r3.createCell(4).setCellValue(10000); // 10000.0 in the file, 10000 to a reader
            r3.createCell(5).setCellValue(LocalDate.of(1985, 12, 31));
            r3.getCell(5).setCellStyle(chineseDate);
            r3.createCell(6).setCellValue(false);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();

            var r4 = sheet.createRow(3);
            r4.createCell(0).setCellValue(wrongCheck(id(3)));
            r4.createCell(1).setCellValue("王五");

            sheet.createRow(4); // an empty row is skipped, as an empty line of a CSV file

            for (int i = 4; i <= 43; i++) {
                var r = sheet.createRow(i + 1);
                r.createCell(0).setCellValue(id(i));
                r.createCell(1).setCellValue("居民" + i);
                r.createCell(3).setCellValue(20 + i);
            }
            sheet.getRow(5).createCell(2).setCellValue(1234); // a number shown as 001234: a code, kept as shown
            sheet.getRow(5).getCell(2).setCellStyle(zeroPadded);
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("只读取第一个工作表");
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** The workbook with its first sheet's XML cut off a few characters into the given text: a damaged file. */
    private static byte[] cutSheetAt(byte[] workbook, String text) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(workbook)); var z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    content = xml.substring(0, xml.indexOf(text) + text.length() + 5).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(content);
            }
        }
        return out.toByteArray();
    }

    private static void header(Row row) {
        for (int c = 0; c < HEADER.size(); c++) row.createCell(c).setCellValue(HEADER.get(c));
    }

    private Http.Response upload(String filename, byte[] content) {
        return officer.upload("/api/v1/resources/" + code + "/data/uploads", filename, content, Map.of());
    }

    @Test
    void aWorkbookLoadsItsFirstSheetWithCellsReadAsTheOfficerSeesThem() throws IOException {
        var r = upload("参保人员.xlsx", workbook());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var run = r.json();
        assertThat(run.get("encoding").asString()).isEqualTo("XLSX");
        assertThat(run.get("delimiter")).isNull();
        assertThat(run.get("rowsRead").asLong()).isEqualTo(43);
        assertThat(run.get("rowsLoaded").asLong()).isEqualTo(42);
        assertThat(run.get("rowsRejected").asLong()).isEqualTo(1);

        var quarantine = officer.get("/api/v1/data/runs/" + run.get("id").asLong() + "/quarantine").json();
        assertThat(quarantine.size()).as(quarantine.toString()).isEqualTo(1);
        assertThat(quarantine.get(0).get("line").asLong()).isEqualTo(4); // the Excel row
        assertThat(quarantine.get(0).get("field").asString()).isEqualTo("id_number");
        assertThat(quarantine.get(0).get("reason").asString()).isEqualTo("id.check");

        var rows = officer.get("/api/v1/resources/" + code + "/data/rows?size=3").json();
        assertThat(rows.get("total").asLong()).isEqualTo(42);
        var first = rows.get("rows").get(0);
        assertThat(first.get(0).asString()).isEqualTo(id(1));
        assertThat(first.get(1).asString()).isEqualTo("张三");
        assertThat(first.get(2).isNull()).as(first.toString()).isTrue(); // the empty middle cell
        assertThat(first.get(3).asString()).isEqualTo("35");
        assertThat(first.get(4).asString()).isEqualTo("8500.5");
        assertThat(first.get(5).asString()).isEqualTo("1990-01-01");
        assertThat(first.get(6).asString()).isEqualTo("true");
        assertThat(first.get(7).asString()).startsWith("2024-05-01").contains("09:30:15");
        var second = rows.get("rows").get(1);
        assertThat(second.get(2).asString()).isEqualTo("外来务工");
        assertThat(second.get(3).asString()).isEqualTo("32"); // the formula's value
        assertThat(second.get(4).asString()).isEqualTo("10000");
        assertThat(second.get(5).asString()).isEqualTo("1985-12-31"); // a 年月日 format is a date too
        assertThat(second.get(6).asString()).isEqualTo("false");
        assertThat(rows.get("rows").get(2).get(1).asString()).isEqualTo("居民4");
        assertThat(rows.get("rows").get(2).get(2).asString()).isEqualTo("001234");
    }

    @Test
    void aWrongHeaderOldExcelAndBrokenFilesLoadNothingAndKeepThePreviousVersion() throws IOException {
        assertThat(upload("参保人员.xlsx", workbook()).status()).isEqualTo(201);

        byte[] wrongHeader;
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var row = wb.createSheet().createRow(2); // the first row with a value is the header, wherever it is
            for (int c = 0; c < HEADER.size(); c++) row.createCell(c).setCellValue(c == 1 ? "名字" : HEADER.get(c));
            wb.getSheetAt(0).createRow(3).createCell(0).setCellValue(id(1));
            wb.write(out);
            wrongHeader = out.toByteArray();
        }
        var columns = upload("x.xlsx", wrongHeader).json();
        assertThat(columns.get("code").asString()).isEqualTo("INGEST_COLUMNS_MISMATCH");
        assertThat(columns.get("detail").asString()).contains("name（姓名）").contains("名字");

        var xls = new byte[4096];
        System.arraycopy(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, 0, xls, 0, 8);
        var old = upload("参保人员.xls", xls).json();
        assertThat(old.get("code").asString()).isEqualTo("INGEST_XLS_UNSUPPORTED");
        assertThat(old.get("detail").asString()).contains("参保人员.xls").contains(".xlsx");
        assertThat(old.get("run").get("status").asString()).isEqualTo("FAILED");

        var corrupt = upload("坏.xlsx", "PK\u0003\u0004这不是一个完整的压缩包".getBytes(StandardCharsets.UTF_8)).json();
        assertThat(corrupt.get("code").asString()).isEqualTo("INGEST_MALFORMED_XLSX");

        var zip = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("data.csv"));
            z.write("公民身份号码,姓名\n".getBytes(StandardCharsets.UTF_8));
        }
        var notAWorkbook = upload("data.zip", zip.toByteArray()).json();
        assertThat(notAWorkbook.get("code").asString()).isEqualTo("INGEST_MALFORMED_XLSX");
        assertThat(notAWorkbook.get("detail").asString()).isNotBlank();

        var truncated = upload("断.xlsx", cutSheetAt(workbook(), "<row r=\"20\"")).json();
        assertThat(truncated.get("code").asString()).isEqualTo("INGEST_MALFORMED_XLSX");
        assertThat(truncated.get("detail").asString()).contains("row 20");

        byte[] empty;
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            wb.createSheet();
            wb.write(out);
            empty = out.toByteArray();
        }
        assertThat(upload("空.xlsx", empty).json().get("code").asString()).isEqualTo("INGEST_EMPTY_FILE");

        var current = officer.get("/api/v1/resources/" + code + "/data/rows").json();
        assertThat(current.get("version").asInt()).isEqualTo(1);
        assertThat(current.get("total").asLong()).isEqualTo(42);
        var runs = officer.get("/api/v1/resources/" + code + "/data/runs").json();
        assertThat(runs.get(0).get("errorCode").asString()).isEqualTo("INGEST_EMPTY_FILE");
        assertThat(runs.get(0).get("encoding").asString()).isEqualTo("XLSX");
    }

    @Test
    void aWorkbookOfTwoHundredThousandRowsLoadsStreaming() throws IOException {
        var big = Files.createTempFile("big-", ".xlsx");
        try {
            int rows = 200_000;
            try (var wb = new SXSSFWorkbook(1000); var out = Files.newOutputStream(big)) { // inline strings, as SXSSF writes them
                var sheet = wb.createSheet();
                header(sheet.createRow(0));
                for (int i = 0; i < rows; i++) {
                    var row = sheet.createRow(i + 1);
                    String first17 = "320506" + LocalDate.of(1950, 1, 1).plusDays(i / 1000).toString().replace("-", "")
                            + String.format("%03d", i % 1000);
                    row.createCell(0).setCellValue(first17 + ResidentIdNumber.checkCharacter(first17));
                    row.createCell(1).setCellValue("居民" + i % 997);
                    row.createCell(3).setCellValue(i % 100);
                    row.createCell(4).setCellValue(i / 8.0);
                }
                wb.write(out);
                wb.dispose(); // its temporary files
            }
            var r = upload("big.xlsx", Files.readAllBytes(big));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().get("rowsRead").asLong()).isEqualTo(rows);
            assertThat(r.json().get("rowsLoaded").asLong()).isEqualTo(rows);
            assertThat(officer.get("/api/v1/resources/" + code + "/data/rows?size=1").json().get("total").asLong()).isEqualTo(rows);
        } finally {
            Files.deleteIfExists(big);
        }
    }
}
