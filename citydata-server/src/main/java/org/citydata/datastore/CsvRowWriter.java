package org.citydata.datastore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.citydata.catalog.FieldSpec;

/**
 * RFC 4180 CSV in plain UTF-8 (no BOM: the file is for programs as much as for spreadsheets), field names as header,
 * CRLF line ends. A value is quoted when it holds a comma, a quote or a line break, or when it is the single column's
 * {@code \.}: exactly when PostgreSQL's {@code COPY … (FORMAT csv)} quotes it, so that an export PostgreSQL writes
 * ({@link CopyExport}) and one written here are the same bytes. Empty and null are both written empty, except in the
 * first column, where they are {@code ""} so that no line is blank.
 */
final class CsvRowWriter implements RowWriter {

    private final BufferedWriter out;
    private final boolean single;

    CsvRowWriter(OutputStream out, List<FieldSpec> fields) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.single = fields.size() == 1;
        this.out.write(header(fields));
    }

    /** The header line, CRLF included. */
    static String header(List<FieldSpec> fields) {
        var line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) cell(line, i, fields.get(i).name(), fields.size() == 1);
        return line.append("\r\n").toString();
    }

    @Override
    public void row(Object[] values) throws IOException {
        var line = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) cell(line, i, RowWriter.text(values[i]), single);
        out.append(line).append("\r\n");
    }

    private static void cell(StringBuilder line, int index, String value, boolean single) {
        if (index > 0) line.append(',');
        if (value == null || value.isEmpty()) {
            if (index == 0) line.append("\"\"");
        } else if (quoted(value) || single && value.equals("\\.")) {
            // \. alone on a line ends COPY data in older PostgreSQL; COPY quotes it, and so do we
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }

    private static boolean quoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
        }
        return false;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
