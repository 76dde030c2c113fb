package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Drafts;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A sample file proposes the fields of a new resource; the proposal registers as it is. */
class SampleInferenceTest extends WebTest {

    private static final String PATH = "/api/v1/ingest/inference";

    private static String creditCode(int serial) {
        String body = String.format("%08d", 13_570_000 + serial);
        String first17 = "91320506" + body + CreditCode.organizationCheck(body);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static String residentId(int serial) {
        String first17 = "32050619800101" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** 个体工商户登记, as a district market-regulation office exports it from its old system: GBK, Chinese headers. */
    private static String register(int rows) {
        var csv = new StringBuilder("统一社会信用代码,经营者姓名,经营者身份证号,联系电话,注册资金（万元）,从业人数,成立日期,是否在营,邮编,Remark\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(creditCode(i)).append(",经营者").append(i).append(',').append(residentId(i)).append(",139")
                    .append(String.format("%08d", 1_000_000 + i)).append(',').append(i % 5 == 0 ? "3" : i + ".5").append(',')
                    .append(1 + i % 20).append(",2021/6/").append(1 + i % 28).append(',').append(i % 7 == 0 ? "否" : "是")
                    .append(",021500,").append(i % 2 == 0 ? "临街" : "").append('\n');
        }
        return csv.toString();
    }

    private static Map<String, JsonNode> byLabel(JsonNode proposal) {
        var fields = new java.util.LinkedHashMap<String, JsonNode>();
        proposal.get("fields").forEach(f -> fields.put(f.get("label").asString(), f));
        return fields;
    }

    @Test
    void aGbkCsvWithChineseHeadersProposesTheTypesAnOfficerWouldChoose() {
        var officer = signedIn("sc_officer");
        var r = officer.upload(PATH, "个体工商户.csv", register(60).getBytes(Charset.forName("GBK")), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var proposal = r.json();
        assertThat(proposal.get("format").asString()).isEqualTo("CSV");
        assertThat(proposal.get("encoding").asString()).isEqualTo("GB18030");
        assertThat(proposal.get("delimiter").asString()).isEqualTo(",");
        assertThat(proposal.get("rowsSampled").asInt()).isEqualTo(60);

        var f = byLabel(proposal);
        assertThat(f.keySet()).containsExactly("统一社会信用代码", "经营者姓名", "经营者身份证号", "联系电话", "注册资金（万元）",
                "从业人数", "成立日期", "是否在营", "邮编", "Remark");
        assertThat(f.values()).extracting(v -> v.get("type").asString()).containsExactly("CREDIT_CODE", "STRING", "RESIDENT_ID",
                "MOBILE", "DECIMAL", "INTEGER", "DATE", "BOOLEAN", "STRING", "STRING");
        assertThat(f.values()).extracting(v -> v.get("name").asString()).containsExactly("col_1", "col_2", "col_3", "col_4",
                "col_5", "col_6", "col_7", "col_8", "col_9", "remark");

        var code = f.get("统一社会信用代码");
        assertThat(code.get("key").asBoolean()).isTrue(); // the only key proposed: the company's identifier
        assertThat(proposal.get("fields").valueStream().filter(x -> x.get("key").asBoolean()).count()).isEqualTo(1);
        assertThat(code.get("required").asBoolean()).isTrue();
        assertThat(code.get("examples").get(0).asString()).isEqualTo(creditCode(1));
        var name = f.get("经营者姓名");
        assertThat(name.get("maxLength").asInt()).isEqualTo(5);
        assertThat(name.get("length").asInt()).isEqualTo(10); // with headroom
        assertThat(f.get("邮编").get("length").asInt()).isEqualTo(10); // zero-padded: text, not a number
        assertThat(f.get("Remark").get("blankShare").asDouble()).isEqualTo(0.5);
        assertThat(f.get("Remark").get("required").asBoolean()).isFalse();
        assertThat(f.get("成立日期").get("length")).isNull();
    }

    @Test
    void theProposalRegistersAsAResourceAndItsDataLoads() {
        var officer = signedIn("sc_officer");
        String csv = register(30);
        var proposal = officer.upload(PATH, "个体工商户.csv", csv.getBytes(Charset.forName("GBK")), Map.of()).json();
        var fields = new ArrayList<Map<String, Object>>();
        proposal.get("fields").forEach(f -> fields.add(Drafts.field(f.get("name").asString(), f.get("label").asString(),
                f.get("type").asString(), f.get("length") == null ? null : f.get("length").asInt(), "L2", f.get("key").asBoolean())));
        var draft = Drafts.with(Drafts.valid(unique("个体工商户登记"), "3205SC"), "fields", fields);
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        var load = officer.upload("/api/v1/resources/" + code + "/data/uploads", "个体工商户.csv", csv.getBytes(Charset.forName("GBK")), Map.of());
        assertThat(load.status()).as(load.body()).isEqualTo(201);
        assertThat(load.json().get("rowsLoaded").asLong()).isEqualTo(30); // labels match the headers; types fit every value
    }

    @Test
    void jsonAndWorkbookSamplesAreReadTheSameWay() throws IOException {
        var officer = signedIn("ga_officer");
        var lines = "{\"id_number\": \"" + residentId(1) + "\", \"姓名\": \"甲\", \"age\": 30}\n"
                + "{\"id_number\": \"" + residentId(2) + "\", \"姓名\": \"乙\", \"age\": 41, \"flag\": true}\n";
        var json = officer.upload(PATH, "rows.jsonl", lines.getBytes(StandardCharsets.UTF_8), Map.of()).json();
        assertThat(json.get("format").asString()).isEqualTo("JSON");
        var f = byLabel(json);
        assertThat(f.keySet()).containsExactly("id_number", "姓名", "age", "flag");
        assertThat(f.get("id_number").get("type").asString()).isEqualTo("RESIDENT_ID");
        assertThat(f.get("id_number").get("key").asBoolean()).isTrue();
        assertThat(f.get("age").get("type").asString()).isEqualTo("INTEGER");
        assertThat(f.get("flag").get("type").asString()).isEqualTo("BOOLEAN");
        assertThat(f.get("flag").get("blankShare").asDouble()).isEqualTo(0.5);

        byte[] xlsx;
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("站点编号");
            header.createCell(1).setCellValue("水位（米）");
            for (int i = 1; i <= 5; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue("SW" + i);
                row.createCell(1).setCellValue(2.5 + i / 10.0);
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        var book = officer.upload(PATH, "水位.xlsx", xlsx, Map.of()).json();
        assertThat(book.get("format").asString()).isEqualTo("XLSX");
        assertThat(book.get("encoding")).isNull();
        assertThat(byLabel(book).get("水位（米）").get("type").asString()).isEqualTo("DECIMAL");
        assertThat(byLabel(book).get("站点编号").get("key").asBoolean()).isTrue();
    }

    @Test
    void unreadableSamplesAreRefusedWithTheLoadsCodes() {
        Http officer = signedIn("ga_officer");
        assertThat(officer.upload(PATH, "x.csv", new byte[0], Map.of()).json().get("code").asString()).isEqualTo("INGEST_EMPTY_FILE");
        assertThat(officer.upload(PATH, "x.csv", "甲,乙\n".getBytes(StandardCharsets.UTF_8), Map.of()).json().get("code").asString())
                .isEqualTo("INGEST_NO_ROWS");
        assertThat(officer.upload(PATH, "x.xls", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0}, Map.of())
                .json().get("code").asString()).isEqualTo("INGEST_XLS_UNSUPPORTED");
        var encoding = officer.upload(PATH, "x.csv", register(3).getBytes(Charset.forName("GBK")), Map.of("encoding", "UTF-8"));
        assertThat(encoding.status()).isEqualTo(400);
        assertThat(encoding.json().get("code").asString()).isEqualTo("INGEST_ENCODING");
        // without a session: refused (403 before authentication, as the cross-site check comes first)
        assertThat(anonymous().upload(PATH, "x.csv", register(3).getBytes(StandardCharsets.UTF_8), Map.of()).status()).isIn(401, 403);
    }
}
