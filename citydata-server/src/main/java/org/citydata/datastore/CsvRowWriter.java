package org.citydata.datastore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.citydata.catalog.FieldSpec;

/** RFC 4180 CSV in plain UTF-8 (no BOM: the file is for programs as much as for spreadsheets), field names as header. */
final class CsvRowWriter implements RowWriter {

    private final CSVPrinter csv;
    private final String[] cells;

    CsvRowWriter(OutputStream out, List<FieldSpec> fields) throws IOException {
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                .setHeader(fields.stream().map(FieldSpec::name).toArray(String[]::new)).get());
        this.cells = new String[fields.size()];
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) cells[i] = RowWriter.text(values[i]);
        csv.printRecord((Object[]) cells);
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }
}
