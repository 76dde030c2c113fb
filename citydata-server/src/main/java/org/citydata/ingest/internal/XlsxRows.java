package org.citydata.ingest.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.citydata.ingest.SourceRow;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/**
 * The rows of an Excel workbook's first sheet (.xlsx), pulled one at a time with StAX from the sheet's XML: neither
 * the workbook nor the sheet is ever held whole in memory (XSSFWorkbook would hold both), and, being a pull reader,
 * there is no reader thread to stop when the consumer gives up. The zip is read from a file, because
 * {@code OPCPackage.open(InputStream)} buffers the whole zip in memory.
 *
 * <p>Values come as the text the catalog's checks read: numbers as written without a spurious ".0" (to Excel's 15
 * digits), date-formatted cells as ISO dates (timestamps when the format shows a time), booleans as true/false,
 * formulas as their cached value, empty cells as "" so columns keep their positions. A row's line is its Excel row
 * number, so the quarantine points at the row the officer sees. Shared strings are held in memory (as Excel and POI
 * both do); styles only as far as needed to recognise dates.
 */
public final class XlsxRows implements Iterator<SourceRow>, Closeable {

    /** The sheet broke while being read; the message says where and how. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    /** Quoted text, [colour]/[locale]/[h] sections and escaped characters say nothing about date or time parts. */
    private static final Pattern FORMAT_LITERALS = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.");
    private static final Pattern ZERO_PAD = Pattern.compile("0{2,}");
    /**
     * Built-in formats of Chinese (and Japanese, Korean) Excel that a workbook references by number without defining
     * them, e.g. 31 = yyyy"年"m"月"d"日"; POI knows them only as "reserved". These show times of day.
     */
    private static final Set<Integer> CJK_TIMES = Set.of(32, 33, 34, 35, 55, 56);

    private enum Shape { NUMBER, DATE, TIMESTAMP, TIME }

    /** How a style shows a number: as itself, zero-padded to a width (format 000000), or as a date or time. */
    private record Display(Shape shape, int pad) {}

    private final OPCPackage workbook;
    private final Path temporary;
    private final InputStream sheetData;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final Map<Integer, Display> displays = new HashMap<>();
    private final List<String> header;
    private long rowNumber;
    private SourceRow next;
    private boolean closed;

    private XlsxRows(OPCPackage workbook, Path temporary) throws Exception {
        this.workbook = workbook;
        this.temporary = temporary;
        var reader = new XSSFReader(workbook);
        this.strings = new ReadOnlySharedStringsTable(workbook, false); // phonetic guides are not part of the value
        this.styles = reader.getStylesTable();
        this.date1904 = date1904(reader);
        Iterator<InputStream> sheets = reader.getSheetsData();
        if (!sheets.hasNext()) throw new IllegalArgumentException("the workbook has no sheet");
        this.sheetData = sheets.next();
        this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheetData);
        var first = readRow(); // the first row with a value names the columns
        this.header = first == null ? List.of() : trimTrailingBlanks(first, 0);
    }

    /** A workbook by content (a zip starts PK\3\4) or by name. */
    public static boolean isXlsx(byte[] sample, String sourceName) {
        boolean zip = sample.length >= 4 && sample[0] == 'P' && sample[1] == 'K' && sample[2] == 3 && sample[3] == 4;
        return zip || (sourceName != null && sourceName.toLowerCase(Locale.ROOT).matches(".*\\.xls[xm]$"));
    }

    /** The binary format of Excel 97–2003 (an OLE2 container), which we do not read. */
    public static boolean isXls(byte[] sample) {
        return sample.length >= 4 && (sample[0] & 0xFF) == 0xD0 && (sample[1] & 0xFF) == 0xCF && sample[2] == 0x11
                && (sample[3] & 0xFF) == 0xE0;
    }

    /**
     * Copies the upload to a temporary file (deleted on {@link #close}) and opens its first sheet, reading the header.
     * Fails with {@code INGEST_MALFORMED_XLSX} when the file is not a readable workbook, {@code INGEST_EMPTY_FILE}
     * when its first sheet is empty.
     */
    public static Result<XlsxRows> open(InputStream in, String sourceName) throws IOException {
        var file = Files.createTempFile("citydata-xlsx-", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) { // the upload could not be read or saved: not the workbook's fault
            Files.deleteIfExists(file);
            throw e;
        }
        OPCPackage workbook = null;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            var rows = new XlsxRows(workbook, file);
            if (rows.header.isEmpty()) {
                rows.close();
                return Result.failure(Problem.of(Problem.Kind.INVALID, "INGEST_EMPTY_FILE", sourceName));
            }
            return Result.ok(rows);
        } catch (Exception e) { // POI reports a broken or foreign zip with many exception types, checked and not
            if (workbook != null) workbook.revert();
            Files.deleteIfExists(file);
            return Result.failure(Problem.of(Problem.Kind.INVALID, "INGEST_MALFORMED_XLSX", reason(e)));
        }
    }

    /** The column names: the first row that holds a value, up to its last non-blank cell. */
    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (closed) return false;
        try {
            var values = readRow();
            if (values == null) {
                close(); // let the file go as soon as the sheet is done
                return false;
            }
            next = new SourceRow(rowNumber, trimTrailingBlanks(values, header.size()));
            return true;
        } catch (XMLStreamException | RuntimeException e) {
            close();
            if (e instanceof Malformed m) throw m;
            throw new Malformed("row " + Math.max(rowNumber, 1) + ": " + reason(e), e);
        }
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        var row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            xml.close();
            sheetData.close();
        } catch (XMLStreamException | IOException ignored) {
            // reading is over either way
        }
        workbook.revert(); // opened read-only: nothing to save
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a temporary file; the system cleans its temp folder too
            }
        }
    }

    /** The next row holding at least one value, padded with "" up to the header's width; null after the last. */
    private List<String> readRow() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                String r = xml.getAttributeValue(null, "r");
                rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
                var values = cells();
                if (values.stream().anyMatch(v -> !v.isBlank())) return values;
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
                return null;
            }
        }
        return null;
    }

    /** The cells of the current row; a cell's reference (B7) places it, so skipped cells become "". */
    private List<String> cells() throws XMLStreamException {
        var values = new ArrayList<String>();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                String ref = xml.getAttributeValue(null, "r");
                int column = ref == null ? values.size() : column(ref);
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                String value = cell(type, style == null ? 0 : Integer.parseInt(style));
                while (values.size() < column) values.add("");
                if (column < values.size()) values.set(column, value);
                else values.add(value);
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                return values;
            }
        }
    }

    /** Reads one cell to its end and answers its value as text. */
    private String cell(String type, int style) throws XMLStreamException {
        String v = null;
        StringBuilder inline = null;
        int phonetic = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> v = xml.getElementText();
                    case "is" -> inline = new StringBuilder();
                    case "rPh" -> phonetic++;
                    case "t" -> {
                        String text = xml.getElementText();
                        if (inline != null && phonetic == 0) inline.append(text);
                    }
                    case "f" -> xml.getElementText(); // the formula; its cached result is in <v>
                    default -> { } // run properties, extensions
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (xml.getLocalName().equals("rPh")) phonetic--;
                else if (xml.getLocalName().equals("c")) break;
            }
        }
        if (type == null) type = "n";
        return switch (type) {
            case "s" -> v == null ? "" : strings.getItemAt(Integer.parseInt(v.strip())).getString();
            case "inlineStr" -> inline != null ? inline.toString() : v == null ? "" : v;
            case "b" -> v == null ? "" : "1".equals(v.strip()) ? "true" : "false";
            case "n" -> v == null ? "" : number(v.strip(), style);
            default -> v == null ? "" : v; // str (a formula's text), e (#N/A: fails a typed field's check), d (ISO 8601)
        };
    }

    /** A number as its style shows it where that matters: dates and times, zero-padded codes; else its digits. */
    private String number(String v, int style) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(v);
        } catch (NumberFormatException e) {
            return v;
        }
        var display = displays.computeIfAbsent(style, this::display);
        double d = exact.doubleValue();
        if (display.shape() != Shape.NUMBER && DateUtil.isValidExcelDate(d)) {
            LocalDateTime at = DateUtil.getLocalDateTime(d, date1904, true);
            return switch (display.shape()) {
                case DATE -> at.toLocalDate().toString();
                case TIMESTAMP -> at.format(TIMESTAMP);
                case TIME -> at.toLocalTime().format(TIME);
                case NUMBER -> throw new IllegalStateException();
            };
        }
        String digits = exact.round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
        if (display.pad() > digits.length() && exact.signum() >= 0 && digits.indexOf('.') < 0)
            return "0".repeat(display.pad() - digits.length()) + digits;
        return digits;
    }

    private Display display(int style) {
        if (styles == null || style < 0 || style >= styles.getNumCellStyles()) return new Display(Shape.NUMBER, 0);
        var cellStyle = styles.getStyleAt(style);
        int index = cellStyle.getDataFormat();
        String format = cellStyle.getDataFormatString();
        if ((index >= 27 && index <= 36 || index >= 50 && index <= 58) && (format == null || format.startsWith("reserved")))
            return new Display(CJK_TIMES.contains(index) ? Shape.TIME : Shape.DATE, 0);
        if (format != null && DateUtil.isADateFormat(index, format)) {
            String parts = FORMAT_LITERALS.matcher(format).replaceAll("").toLowerCase(Locale.ROOT);
            boolean time = parts.contains("h") || parts.contains("s");
            boolean date = parts.contains("y") || parts.contains("d") || parts.contains("e") || !time && parts.contains("m");
            return new Display(date ? time ? Shape.TIMESTAMP : Shape.DATE : Shape.TIME, 0);
        }
        return new Display(Shape.NUMBER, format != null && ZERO_PAD.matcher(format).matches() ? format.length() : 0);
    }

    /** Whether dates count from 1904 (old Mac workbooks) instead of 1900: {@code <workbookPr date1904="1"/>}. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        try (var in = reader.getWorkbookData()) {
            var wb = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
            try {
                while (wb.hasNext()) {
                    if (wb.next() != XMLStreamConstants.START_ELEMENT) continue;
                    if (wb.getLocalName().equals("workbookPr")) {
                        String v = wb.getAttributeValue(null, "date1904");
                        return "1".equals(v) || "true".equals(v);
                    }
                    if (wb.getLocalName().equals("sheets")) return false; // workbookPr comes before the sheets
                }
                return false;
            } finally {
                wb.close();
            }
        }
    }

    /** The zero-based column of a cell reference: B7 is 1, AA3 is 26. */
    static int column(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++)
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        return column - 1;
    }

    /**
     * Padded with "" to {@code width}; blank cells past it dropped (a formatted but empty cell is no extra column).
     * A value past the width stays, and the row is then ragged.
     */
    private static List<String> trimTrailingBlanks(List<String> values, int width) {
        int end = values.size();
        while (end > width && values.get(end - 1).isBlank()) end--;
        var row = new ArrayList<>(values.subList(0, end));
        while (row.size() < width) row.add("");
        return row;
    }

    /** The first message along the causes: POI and StAX put the useful one at different depths. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        return e.getClass().getSimpleName();
    }
}
