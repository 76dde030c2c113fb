package org.citydata.datastore;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.citydata.catalog.FieldSpec;

/**
 * One sheet, the fields' Chinese labels as the first row, typed cells below. SXSSF keeps a window of 100 rows in
 * memory and the rest in a compressed temporary file, which {@link #close} deletes; the workbook is only written out
 * by {@link #finish}, as XLSX is a zip that cannot be streamed before its end.
 */
final class XlsxRowWriter implements RowWriter {

    /** Excel shows 15 significant digits; longer numbers go in as text rather than rounded. */
    private static final int EXCEL_DIGITS = 15;
    private static final int MAX_CELL_TEXT = 32_767;

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    private final SXSSFSheet sheet;
    private final CellStyle date;
    private final CellStyle dateTime;
    private int next = 1;

    XlsxRowWriter(OutputStream out, List<FieldSpec> fields, String title) {
        this.out = out;
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(title));
        var format = workbook.createDataFormat();
        date = workbook.createCellStyle();
        date.setDataFormat(format.getFormat("yyyy-mm-dd"));
        dateTime = workbook.createCellStyle();
        dateTime.setDataFormat(format.getFormat("yyyy-mm-dd hh:mm:ss"));
        var header = sheet.createRow(0);
        for (int i = 0; i < fields.size(); i++) {
            var f = fields.get(i);
            header.createCell(i).setCellValue(f.label() == null || f.label().isBlank() ? f.name() : f.label());
        }
        sheet.createFreezePane(0, 1);
    }

    @Override
    public void row(Object[] values) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            var cell = row.createCell(i);
            if (v instanceof Long l && Long.toString(Math.abs(l)).length() <= EXCEL_DIGITS) cell.setCellValue(l);
            else if (v instanceof BigDecimal d && d.precision() <= EXCEL_DIGITS) cell.setCellValue(d.doubleValue());
            else if (v instanceof Boolean b) cell.setCellValue(b);
            else if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(date);
            } else if (v instanceof LocalDateTime t) {
                cell.setCellValue(t);
                cell.setCellStyle(dateTime);
            } else {
                String text = RowWriter.text(v);
                cell.setCellValue(text.length() > MAX_CELL_TEXT ? text.substring(0, MAX_CELL_TEXT) : text); // Excel's cell limit
            }
        }
    }

    @Override
    public void finish() throws IOException {
        workbook.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        workbook.close(); // deletes the temporary file
    }
}
