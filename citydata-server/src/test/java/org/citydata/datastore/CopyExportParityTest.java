package org.citydata.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.citydata.audit.AccessRecord.Channel;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.identity.Actor;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CSV PostgreSQL writes for an export ({@link CopyExport}, masks as {@link SqlMask} renders them) is byte for byte
 * the CSV of the Java path ({@link Masker}, {@link CsvRowWriter}) for the same rows: every mask with an SQL form, on
 * every field type, over values chosen to catch the differences between the two (code points against UTF-16 units,
 * short values, empty against null, dates PostgreSQL writes oddly, PostgreSQL's t/f, quoting, line ends).
 */
class CopyExportParityTest extends WebTest {

    @Autowired
    Datastore datastore;
    @Autowired
    Catalog catalog;
    @Autowired
    Masker masker;
    @Autowired
    JdbcClient db;

    private String code;
    private List<FieldSpec> fields;

    private static final List<Masking> SQL_MASKS = List.of(Masking.CLEAR, Masking.NULL, Masking.MASK, new Masking.Keep(0, 0),
            new Masking.Keep(1, 0), new Masking.Keep(0, 4), new Masking.Keep(2, 1), new Masking.Keep(3, 4), new Masking.Keep(6, 4),
            new Masking.Keep(20, 20), Masking.YEAR, Masking.MONTH, new Masking.AgeBand(1), new Masking.AgeBand(10),
            new Masking.AgeBand(100), new Masking.Region(2), new Masking.Region(6), new Masking.Region(12));

    @BeforeEach
    void everyKindOfValueLoaded() {
        var officer = signedIn("ga_officer");
        var draft = with(valid(unique("导出一致性"), "3205GA"), "fields", List.of(
                field("id", "编号", "STRING", 10, "L2", true),
                field("txt", "文本", "STRING", 100, "L2", false),
                field("num", "整数", "INTEGER", null, "L2", false),
                field("d", "小数", "DECIMAL", null, "L2", false),
                field("b", "布尔", "BOOLEAN", null, "L2", false),
                field("day", "日期", "DATE", null, "L2", false),
                field("ts", "时间", "TIMESTAMP", null, "L2", false),
                field("rid", "身份证件号码", "RESIDENT_ID", 18, "L2", false),
                field("credit", "统一社会信用代码", "CREDIT_CODE", 18, "L2", false),
                field("mobile", "手机号码", "MOBILE", 11, "L2", false)));
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        code = created.json().get("code").asString();
        var resource = catalog.get(Actor.system(0), code).value();
        fields = resource.metadata().fields();
        // loaded straight with COPY, not through an upload, so that empty text stays empty and odd dates stay odd
        var load = datastore.begin(resource.id(), fields);
        datastore.copyIn(load, new StringReader(rows()));
        assertThat(datastore.commit(load).succeeded()).isTrue();
    }

    /** The rows as COPY reads them: a null unquoted and empty, every value quoted (an empty string is "" then). */
    private String rows() {
        LocalDate today = masker.today();
        String rid = residentId("320505199001011234".substring(0, 17));
        String credit = "91320500MA1W2B3C4" + CreditCode.checkCharacter("91320500MA1W2B3C4");
        List<List<String>> rows = List.of(
                List.of("r01", "张三", "30", "88.50", "true", "1994-05-01", "2024-05-17 10:20:30", rid, credit, "13812345678"),
                row("r02", "欧阳娜娜", "-5", "-0.001", "false", "2000-02-29", "2024-02-29 00:00:00.123456", "320505", "3205", "138"),
                row("r03", "", "0", "0", null, null, null, "", "", ""),
                row("r04", null, null, null, null, null, null, null, null, null),
                row("r05", "a, b", "12345678901234", "1000", "true", "0044-03-15 BC", "0044-03-15 10:20:30 BC", " 320505 ", "x", "1"),
                row("r06", "引号\"x\"", "-123", "NaN", "false", "12345-01-01", "infinity", "\u3000320505001001\u3000", "32a5", "ab"),
                row("r07", "line1\nline2", "7", "0.1", "true", "infinity", "-infinity", "３２０５", "\u00a0320505", "\t1\t"),
                row("r08", "a😀b👍🏽𠀀", "2147483648", "123456789.123456789", "false", "-infinity", "1999-12-31 23:59:59", "😀", "𠀀𠀁", "x😀"),
                row("r09", " leading", "1", "1.0", "true", "0999-12-31", "0999-12-31 00:00:00", "trailing ", "#hash", "!bang"),
                row("r10", "\\.", "2", "2", "false", today.toString(), today + " 08:00:00", "cr\r\nlf", "\"", ","),
                row("r11", "x", "3", "3", "true", today.minusYears(30).toString(), today.minusYears(30).plusDays(1) + " 00:00:00",
                        "ab", "abc", "abcd"),
                row("r12", "ab", "4", "4", "false", today.minusYears(30).plusDays(1).toString(), today.plusDays(1) + " 00:00:00",
                        "12", "123", "1234567"),
                row("r13", "abc", "5", "5", "true", today.plusDays(1).toString(), "2999-01-01 00:00:00", "1234567890123", "00", "-1"),
                row("r14", "2024-05-17", "20240517", "20240517", "true", "1930-02-28", "1960-02-29 12:00:00", rid, "20240517", "2024/5/17"));
        var csv = new StringBuilder();
        for (var r : rows) {
            var cells = new ArrayList<String>();
            for (String v : r) cells.add(v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"");
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static String residentId(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** An export of the fields, each masked as given, in the field order given, prepared through the access path. */
    private Export export(Map<String, Masking> masks, List<RowFilter> filters, List<RowSort> sort) {
        var terms = ReadTerms.granted(Actor.system(0), Channel.API, "parity", null, null, 1L, masks);
        var query = new RowQuery(code, new ArrayList<>(masks.keySet()), filters, sort, 0, 0);
        var prepared = datastore.prepareExport(terms, query, ExportFormat.CSV);
        assertThat(prepared.succeeded()).as(() -> prepared.problem().toString()).isTrue();
        return prepared.value();
    }

    private String csv(Export export, boolean inDatabase) throws IOException {
        var out = new ByteArrayOutputStream();
        datastore.stream(export, out, inDatabase);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Both paths' CSV of the export, after checking that the database path is the one a download takes. */
    private String sameFromBoth(Export export) throws IOException {
        assertThat(datastore.copyStatement(export)).as("written by COPY").isPresent();
        String java = csv(export, false);
        String copy = csv(export, true);
        assertThat(copy).isEqualTo(java);
        return copy;
    }

    private List<FieldSpec> withSqlForm(Masking mask) {
        return fields.stream().filter(f -> SqlMask.of(mask, f.type(), "c", LocalDate.now()).isPresent()).toList();
    }

    @Test
    void everySqlMaskGivesTheJavaPathsBytesOnEveryFieldType() throws Exception {
        for (var mask : SQL_MASKS) {
            var masks = new LinkedHashMap<String, Masking>();
            masks.put("id", Masking.CLEAR);
            withSqlForm(mask).forEach(f -> masks.putIfAbsent(f.name(), mask));
            String csv = sameFromBoth(export(masks, List.of(), List.of(new RowSort("id", false))));
            assertThat(csv.split("\r\n", -1)).as(mask.text()).hasSizeGreaterThan(14);
        }
        var dated = withSqlForm(Masking.YEAR).stream().map(FieldSpec::name).toList();
        assertThat(dated).containsExactly("day", "ts");
    }

    @Test
    void theFirstColumnIsNeverEmptyAndEmptyTextIsWrittenLikeNull() throws Exception {
        for (var mask : List.of(Masking.CLEAR, Masking.NULL, new Masking.Keep(1, 0), Masking.MASK, new Masking.Region(2))) {
            // every field first in turn, each with the others after it
            for (var first : withSqlForm(mask)) {
                var masks = new LinkedHashMap<String, Masking>();
                masks.put(first.name(), mask);
                withSqlForm(mask).forEach(f -> masks.putIfAbsent(f.name(), mask));
                sameFromBoth(export(masks, List.of(), List.of()));
            }
        }
        var txtFirst = new LinkedHashMap<String, Masking>();
        txtFirst.put("txt", Masking.CLEAR);
        txtFirst.put("id", Masking.CLEAR);
        String txt = sameFromBoth(export(txtFirst, List.of(), List.of(new RowSort("id", false))));
        assertThat(txt).startsWith("txt,id\r\n").contains("\r\n\"\",r03\r\n\"\",r04\r\n")
                .as("RFC 4180 quoting, line breaks kept inside the quotes").contains("\"a, b\",r05\r\n\"引号\"\"x\"\"\",r06\r\n\"line1\nline2\",r07\r\n")
                .as("no quotes for leading or trailing blanks").contains("\r\n leading,r09\r\n");
        String single = sameFromBoth(export(new LinkedHashMap<>(Map.of("txt", Masking.CLEAR)), List.of(), List.of()));
        assertThat(single).as("\\. alone on a line would end COPY data: quoted").contains("\r\n\"\\.\"\r\n");
    }

    @Test
    void theMaskedValuesAreTheKernelsAndReadBackAsCsv() throws Exception {
        var masks = new LinkedHashMap<String, Masking>();
        masks.put("id", Masking.CLEAR);
        masks.put("txt", new Masking.Keep(1, 0));
        masks.put("b", Masking.CLEAR);
        masks.put("day", Masking.YEAR);
        masks.put("ts", Masking.MONTH);
        masks.put("rid", new Masking.Region(6));
        masks.put("mobile", Masking.MASK);
        String csv = sameFromBoth(export(masks, List.of(), List.of(new RowSort("id", false))));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(15);
        assertThat(records.get(0).values()).containsExactly("id", "txt", "b", "day", "ts", "rid", "mobile");
        assertThat(List.of(records.get(1).get(1), records.get(1).get(3), records.get(1).get(4), records.get(1).get(6)))
                .containsExactly("张*", "1994", "2024-05", "***********");
        assertThat(records.get(2).values()).containsExactly("r02", "欧***", "false", "2000", "2024-02", "320505", "***");
        assertThat(records.get(5).values()).as("BC dates as the Masker reads them")
                .containsExactly("r05", "a***", "true", "0044", "0044-03", "320505", "*");
        assertThat(records.get(6).values()).containsExactly("r06", "引****", "false", "***********", "********", "320505000000", "**");
        assertThat(records.get(8).get(1)).as("code points, not UTF-16 units").isEqualTo("a*****");
        assertThat(records.get(8).get(6)).isEqualTo("**");
    }

    @Test
    void filtersAreWrittenAsLiteralsThatNoValueCanBreakOutOf() throws Exception {
        var masks = new LinkedHashMap<String, Masking>();
        masks.put("id", Masking.CLEAR);
        masks.put("txt", Masking.CLEAR);
        masks.put("num", Masking.CLEAR);
        masks.put("mobile", new Masking.Keep(3, 4));
        List<List<RowFilter>> attempts = List.of(
                List.of(new RowFilter("txt", RowFilter.Op.EQ, "x' or '1'='1")),
                List.of(new RowFilter("txt", RowFilter.Op.EQ, "x\\' or 1=1 --")),
                List.of(new RowFilter("txt", RowFilter.Op.NE, "'); drop table dataset.x; --")),
                List.of(new RowFilter("txt", RowFilter.Op.CONTAINS, "\\")),
                List.of(new RowFilter("txt", RowFilter.Op.CONTAINS, "引号\"x")),
                List.of(new RowFilter("txt", RowFilter.Op.CONTAINS, "%_'$$")),
                List.of(new RowFilter("txt", RowFilter.Op.IN, "张三,a, b,x'y,\\.")),
                List.of(new RowFilter("num", RowFilter.Op.GT, "3"), new RowFilter("txt", RowFilter.Op.NOTNULL, null)),
                List.of(new RowFilter("mobile", RowFilter.Op.EQ, "13812345678")),
                List.of(new RowFilter("txt", RowFilter.Op.ISNULL, null)));
        for (var filters : attempts) {
            var export = export(masks, filters, List.of(new RowSort("num", true)));
            assertThat(datastore.copyStatement(export).orElseThrow()).as("no placeholder left").doesNotContain("?");
            sameFromBoth(export);
        }
        String quoted = sameFromBoth(export(masks, List.of(new RowFilter("txt", RowFilter.Op.EQ, "x' or '1'='1")), List.of()));
        assertThat(quoted).isEqualTo("id,txt,num,mobile\r\n");
        String found = sameFromBoth(export(masks, List.of(new RowFilter("txt", RowFilter.Op.CONTAINS, "\\")), List.of()));
        assertThat(found).isEqualTo("id,txt,num,mobile\r\nr10,\\.,2,*\r\n");
        var withText = export(masks, List.of(), List.of());
        assertThat(db.sql("select count(*) from dataset." + withText.version.tableName()).query(Long.class).single()).isEqualTo(14);
    }

    @Test
    void aPlaceholderInsideAQuotedIdentifierIsNoPlaceholder() {
        assertThat(CopyExport.inlined(" where \"a?b\" = ? and \"c\"\"?\" ilike ?", List.of("x'y", "\\%")))
                .contains(" where \"a?b\" = E'x''y' and \"c\"\"?\" ilike E'\\\\%'");
        assertThat(CopyExport.inlined(" where \"a\" = ?", List.of())).as("a placeholder without a value").isEmpty();
        assertThat(CopyExport.inlined(" where \"a\" = ?", List.of("a", "b"))).as("a value without a placeholder").isEmpty();
        assertThat(CopyExport.inlined(" where \"a\" = ?", List.of("nul\0"))).isEmpty();
        assertThat(CopyExport.inlined(" where \"a\" = ?", List.of(5L))).isEmpty();
        assertThat(CopyExport.inlined("", List.of())).contains("");
    }

    @Test
    void hashAndFpeKeepTheJavaPath() throws Exception {
        for (var mask : List.of(Masking.HASH, Masking.FPE)) {
            var masks = new LinkedHashMap<String, Masking>();
            masks.put("id", Masking.CLEAR);
            masks.put("rid", mask);
            var export = export(masks, List.of(), List.of());
            assertThat(datastore.copyStatement(export)).isEmpty();
            assertThat(csv(export, true)).isEqualTo(csv(export, false)).doesNotContain("320505199001");
        }
        var textYear = new LinkedHashMap<String, Masking>(Map.of("txt", Masking.YEAR));
        assertThat(datastore.copyStatement(export(textYear, List.of(), List.of()))).as("year on text reads many forms: Java").isEmpty();
        var jsonl = datastore.prepareExport(ReadTerms.granted(Actor.system(0), Channel.API, "parity", null, null, 1L,
                Map.of("id", Masking.CLEAR)), new RowQuery(code, List.of("id"), List.of(), List.of(), 0, 0), ExportFormat.JSONL);
        assertThat(datastore.copyStatement(jsonl.value())).isEmpty();
    }

    @Test
    void aClientThatGoesAwayMidwayIsRecordedWithTheRowsWrittenAndTheConnectionStaysUsable() throws Exception {
        var resource = catalog.get(Actor.system(0), code).value();
        var load = datastore.begin(resource.id(), fields);
        var many = new StringBuilder();
        for (int i = 0; i < 50_000; i++) many.append("m").append(i).append(",欧阳娜娜 ").append(i).append(",").append(i).append(",,,,,,,\n");
        datastore.copyIn(load, new StringReader(many.toString()));
        assertThat(datastore.commit(load).succeeded()).isTrue();
        var masks = new LinkedHashMap<String, Masking>();
        masks.put("id", Masking.CLEAR);
        masks.put("txt", new Masking.Keep(1, 0));
        masks.put("num", Masking.CLEAR);
        for (boolean inDatabase : List.of(true, false)) {
            var export = export(masks, List.of(), List.of());
            var gone = new OutputStream() { // a client that hangs up after 200 kB
                long bytes;
                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (bytes + len > 200_000) throw new IOException("Broken pipe");
                    bytes += len;
                }
            };
            assertThatThrownBy(() -> datastore.stream(export, gone, inDatabase)).isInstanceOf(IOException.class);
            long recorded = db.sql("select row_count from audit_record where resource_code = ? and action = 'EXPORT_END' order by seq desc limit 1")
                    .param(code).query(Long.class).single();
            assertThat(recorded).as("rows handed on before the client went away").isBetween(5_000L, 49_999L);
            // the same thread gets the same pooled connection back: it must be clean
            for (int i = 0; i < 3; i++) {
                var again = export(masks, List.of(), List.of());
                assertThat(csv(again, inDatabase).split("\r\n")).hasSize(50_001);
            }
        }
        assertThat(db.sql("select count(*) from pg_stat_activity where query like 'copy (select%' and state = 'active'")
                .query(Long.class).single()).isZero();
    }
}
