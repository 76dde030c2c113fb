package org.citydata.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.junit.jupiter.api.Test;

/**
 * {@link CopyRelay} on rows as COPY writes them gives the cells {@link Masker} and {@link CsvRowWriter} give for the
 * same values, without a database: the parity test runs the relay on real COPY output, this one on the odd values in
 * every position, in quantity (the buffer refilled and grown).
 */
class CopyRelayTest {

    private static final Masker MASKER = new Masker("platform-secret-one-32-bytes-long".getBytes(StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2024-06-15T00:00:00Z"), ZoneId.of("Asia/Shanghai")));

    private static final List<String> TEXTS = Arrays.asList(null, "", "a", "ab", "abc", "张三", "欧阳娜娜", "a, b", "引号\"x\"",
            "line1\nline2", "cr\r\nlf", "a😀b👍🏽𠀀", "😀", " leading", "trailing ", "\\.", "\"", ",", "x,", ",x", "\"\"", "13812345678",
            "江苏省苏州市姑苏区人民路100号", "a\"b,c\"d", "12345,67890", "x".repeat(100_000), "张".repeat(30_000) + ",");

    private static final List<String> DATES = Arrays.asList(null, "1994-05-01", "2000-02-29", "0044-03-15 BC", "4713-11-24 BC",
            "0999-12-31", "12345-01-01", "infinity", "-infinity");

    private static final List<Masking> TEXT_RULES = List.of(Masking.MASK, new Masking.Keep(0, 0), new Masking.Keep(1, 0),
            new Masking.Keep(0, 4), new Masking.Keep(2, 1), new Masking.Keep(3, 4), new Masking.Keep(6, 0), new Masking.Keep(20, 20));

    @Test
    void keepAndMaskOnTextAreTheMaskersInEveryPosition() throws IOException {
        for (var rule : TEXT_RULES) {
            var cell = CopyRelay.of(rule, FieldType.STRING).orElseThrow();
            for (var type : List.of(FieldType.RESIDENT_ID, FieldType.CREDIT_CODE, FieldType.MOBILE))
                assertThat(CopyRelay.of(rule, type)).contains(cell);
            sameAsTheJavaPath(List.of(cell), List.of(rule), TEXTS);
            // first, between copied cells, last
            sameAsTheJavaPath(List.of(cell, CopyRelay.COPIED, cell), List.of(rule, Masking.CLEAR, rule), TEXTS);
            sameAsTheJavaPath(List.of(CopyRelay.COPIED, cell, CopyRelay.COPIED), List.of(Masking.CLEAR, rule, Masking.CLEAR), TEXTS);
        }
    }

    @Test
    void yearAndMonthOnDatesAreTheMaskersAndOnlyDatesAreRelayed() throws IOException {
        for (var rule : List.of(Masking.YEAR, Masking.MONTH)) {
            var cell = CopyRelay.of(rule, FieldType.DATE).orElseThrow();
            sameAsTheJavaPath(List.of(cell, CopyRelay.COPIED, cell), List.of(rule, Masking.CLEAR, rule), DATES);
            for (var type : List.of(FieldType.STRING, FieldType.TIMESTAMP, FieldType.INTEGER))
                assertThat(CopyRelay.of(rule, type)).as("year on " + type + " stays with SqlMask or Java").isEmpty();
        }
        for (var rule : List.of(Masking.CLEAR, Masking.NULL, new Masking.Region(2), new Masking.AgeBand(10), Masking.HASH))
            assertThat(CopyRelay.of(rule, FieldType.STRING)).isEmpty();
        assertThat(CopyRelay.of(new Masking.Keep(1, 0), FieldType.DATE)).as("keep on a date: SqlMask").isEmpty();
    }

    @Test
    void aSingleColumnsBackslashDotStaysQuotedAndUnmaskedRowsPassAsTheyCame() throws IOException {
        sameAsTheJavaPath(List.of(CopyRelay.COPIED), List.of(Masking.CLEAR), TEXTS);
        var out = new ByteArrayOutputStream();
        var relay = new CopyRelay(List.of(CopyRelay.COPIED, CopyRelay.COPIED), out);
        relay.row("\"a,b\",\"\"\n".getBytes(StandardCharsets.UTF_8));
        relay.row("x,".getBytes(StandardCharsets.UTF_8)); // no LF: written as it is, with CRLF
        relay.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\"a,b\",\"\"\r\nx,\r\n");
    }

    /**
     * Each value in every column (the copied ones clear, so COPY's bytes are the Java path's), a row at a time and all
     * the rows again as one stream, against CsvRowWriter's rows of the values the Masker gives.
     */
    private static void sameAsTheJavaPath(List<CopyRelay.Cell> cells, List<Masking> rules, List<String> values) throws IOException {
        var relayed = new ByteArrayOutputStream();
        var relay = new CopyRelay(cells, relayed);
        var expected = new StringBuilder();
        for (int r = 0; r < values.size() * 3; r++) {
            var row = new ArrayList<String>();
            for (int c = 0; c < cells.size(); c++) row.add(values.get((r + c * 7) % values.size()));
            relay.row(copyLine(row, cells));
            expected.append(javaLine(row, rules));
        }
        relay.flush();
        assertThat(relayed.toString(StandardCharsets.UTF_8)).as(rules.toString()).isEqualTo(expected.toString());
    }

    /**
     * A row as COPY (FORMAT csv) writes it: null empty, an empty string and anything with , " CR LF quoted. A copied
     * column is selected as CopyExport selects a clear text one: {@code coalesce(…, '')} first, {@code nullif(…, '')}
     * after; a relayed one as it is.
     */
    private static byte[] copyLine(List<String> row, List<CopyRelay.Cell> cells) {
        boolean single = cells.size() == 1;
        var line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) line.append(',');
            String v = row.get(i);
            if (cells.get(i) instanceof CopyRelay.Cell.Copied) v = i == 0 ? (v == null ? "" : v) : ("".equals(v) ? null : v);
            if (v == null) continue;
            boolean quote = v.isEmpty() || v.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r' || ch == '\n')
                    || single && v.equals("\\.");
            line.append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Java path's line: the Masker's values as CsvRowWriter writes them. */
    private static String javaLine(List<String> row, List<Masking> rules) throws IOException {
        var out = new ByteArrayOutputStream();
        var fields = new ArrayList<FieldSpec>();
        for (int i = 0; i < row.size(); i++) fields.add(new FieldSpec("c" + i, "c" + i, FieldType.STRING, null, null, null, false));
        var writer = new CsvRowWriter(out, fields);
        var masked = new Object[row.size()];
        for (int i = 0; i < row.size(); i++) masked[i] = MASKER.apply(rules.get(i), row.get(i));
        writer.row(masked);
        writer.finish();
        String csv = out.toString(StandardCharsets.UTF_8);
        return csv.substring(csv.indexOf("\r\n") + 2);
    }
}
