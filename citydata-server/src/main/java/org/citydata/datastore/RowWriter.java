package org.citydata.datastore;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.citydata.catalog.FieldSpec;

/**
 * Writes exported rows in one format, a row at a time. {@link #finish} completes the file; {@link #close} only frees
 * what the writer holds and never closes the stream, so an export that fails midway does not end in a file that
 * looks whole.
 */
interface RowWriter extends Closeable {

    /** One row's values in field order, as {@link Datastore} reads them: Long, BigDecimal, Boolean, LocalDate, LocalDateTime, String or null. */
    void row(Object[] values) throws IOException;

    void finish() throws IOException;

    @Override
    default void close() throws IOException {}

    static RowWriter open(ExportFormat format, OutputStream out, List<FieldSpec> fields, String title) throws IOException {
        return switch (format) {
            case CSV -> new CsvRowWriter(out, fields);
            case JSON -> new JsonRowWriter(out, fields, true);
            case JSONL -> new JsonRowWriter(out, fields, false);
            case XLSX -> new XlsxRowWriter(out, fields, title);
        };
    }

    /** Dates and times as ISO 8601 text (what a load reads back), decimals without exponent. */
    static String text(Object value) {
        if (value == null) return null;
        if (value instanceof java.time.LocalDateTime t) return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        if (value instanceof java.math.BigDecimal d) return d.toPlainString();
        return value.toString();
    }
}
