package org.citydata.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.ImportReport.RowError;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The spreadsheet form of the catalog, as departments compile it: sheet 资源 (one resource a row) and sheet 信息项
 * (one field a row, tied to its resource by 序号). Columns are found by their header, enum cells take the Chinese
 * label or the code, and every value that cannot be read is reported with sheet, row and column.
 */
@Component
public class CatalogXlsx {

    public static final String RESOURCES = "资源";
    public static final String FIELDS = "信息项";
    static final int MAX_ROWS = 5000;
    private static final Pattern LIST_SEPARATORS = Pattern.compile("\\s*[,，、;；|]\\s*");

    /** Columns of sheet 资源, in template order, with the draft property each feeds. */
    enum ResourceColumn {
        SEQ("序号", null, true), NAME("资源名称", "name", true), PROVIDER("提供方代码", "providerCode", true),
        SUMMARY("摘要", "summary", true), TYPE("资源类型", "resourceType", true), THEME("主题", "theme", true),
        FORMAT("数据格式", "format", true), SHARE_TYPE("共享类型", "shareType", true),
        SHARE_CONDITION("共享条件", "shareCondition", false), SHARE_METHODS("共享方式", "shareMethods", false),
        OPEN_TYPE("开放类型", "openType", true), OPEN_CONDITION("开放条件", "openCondition", false),
        UPDATE_CYCLE("更新周期", "updateCycle", true), RELEASE_DATE("发布日期", "releaseDate", false),
        REGION("覆盖区域", "regionCode", false), TAGS("标签", "tags", false), RELATED("关联资源", "related", false);

        final String header;
        final String property;
        final boolean required;

        ResourceColumn(String header, String property, boolean required) {
            this.header = header;
            this.property = property;
            this.required = required;
        }
    }

    enum FieldColumn {
        SEQ("资源序号", null, true), NAME("字段名", "name", true), LABEL("中文名称", "label", true),
        TYPE("数据类型", "type", true), LENGTH("长度", "length", false), DESCRIPTION("描述", "description", false),
        SENSITIVITY("分级", "sensitivity", true), KEY("是否主键", "key", false);

        final String header;
        final String property;
        final boolean required;

        FieldColumn(String header, String property, boolean required) {
            this.header = header;
            this.property = property;
            this.required = required;
        }
    }

    /** A resource read from the sheets, with where each of its parts came from, for error reports. */
    public record ParsedResource(int row, String seq, ResourceDraft draft, List<Integer> fieldRows, List<RowError> errors,
                                 Map<ResourceColumn, Integer> resourceColumns, Map<FieldColumn, Integer> fieldColumns) {}

    public record Parsed(List<ParsedResource> resources, List<RowError> errors) {}

    private final MessageSource messages;

    CatalogXlsx(MessageSource messages) {
        this.messages = messages;
    }

    // ---------------------------------------------------------------- reading

    public Parsed read(InputStream in) {
        Workbook book;
        try {
            book = new XSSFWorkbook(in);
        } catch (IOException | RuntimeException e) {
            return new Parsed(List.of(), List.of(new RowError("", 0, "", "import.unreadable", List.of(String.valueOf(e.getMessage())))));
        }
        try (book) {
            var formatter = new DataFormatter(Locale.ROOT); // not thread-safe: one per import
            var errors = new ArrayList<RowError>();
            Sheet resources = book.getSheet(RESOURCES), fields = book.getSheet(FIELDS);
            if (resources == null) errors.add(new RowError(RESOURCES, 0, "", "import.sheet_missing", List.of(RESOURCES)));
            if (fields == null) errors.add(new RowError(FIELDS, 0, "", "import.sheet_missing", List.of(FIELDS)));
            if (!errors.isEmpty()) return new Parsed(List.of(), errors);
            var resourceCols = headers(resources, ResourceColumn.values(), c -> c.header, c -> c.required, errors, formatter);
            var fieldCols = headers(fields, FieldColumn.values(), c -> c.header, c -> c.required, errors, formatter);
            if (!errors.isEmpty()) return new Parsed(List.of(), errors);
            if (resources.getLastRowNum() > MAX_ROWS || fields.getLastRowNum() > MAX_ROWS * 20)
                return new Parsed(List.of(), List.of(new RowError(RESOURCES, 0, "", "import.too_many_rows", List.of(MAX_ROWS))));

            var fieldsBySeq = new LinkedHashMap<String, List<FieldRow>>();
            for (int r = 1; r <= fields.getLastRowNum(); r++) {
                Row row = fields.getRow(r);
                if (isEmpty(row, formatter)) continue;
                var fieldErrors = new ArrayList<RowError>();
                var cells = new CellReader(FIELDS, row, fieldCols, fieldErrors, formatter);
                String seq = cells.text(FieldColumn.SEQ);
                if (seq == null) {
                    cells.error(FieldColumn.SEQ, "violation.required");
                    errors.addAll(fieldErrors);
                    continue;
                }
                var spec = new FieldSpec(cells.text(FieldColumn.NAME), cells.text(FieldColumn.LABEL),
                        cells.choice(FieldColumn.TYPE, FieldType.class), cells.integer(FieldColumn.LENGTH),
                        cells.text(FieldColumn.DESCRIPTION), cells.choice(FieldColumn.SENSITIVITY, Sensitivity.class),
                        cells.bool(FieldColumn.KEY));
                fieldsBySeq.computeIfAbsent(seq, k -> new ArrayList<>()).add(new FieldRow(r + 1, spec, fieldErrors));
            }

            var parsed = new ArrayList<ParsedResource>();
            var seen = new HashMap<String, Integer>();
            for (int r = 1; r <= resources.getLastRowNum(); r++) {
                Row row = resources.getRow(r);
                if (isEmpty(row, formatter)) continue;
                var rowErrors = new ArrayList<RowError>();
                var cells = new CellReader(RESOURCES, row, resourceCols, rowErrors, formatter);
                String seq = cells.text(ResourceColumn.SEQ);
                if (seq == null) cells.error(ResourceColumn.SEQ, "violation.required");
                else if (seen.putIfAbsent(seq, r + 1) != null) cells.error(ResourceColumn.SEQ, "import.duplicate_seq", seq);
                var fieldRows = seq == null ? List.<FieldRow>of() : fieldsBySeq.getOrDefault(seq, List.of());
                fieldRows.forEach(fr -> rowErrors.addAll(fr.errors())); // a bad field row fails its resource
                var draft = new ResourceDraft(cells.text(ResourceColumn.NAME), cells.text(ResourceColumn.PROVIDER),
                        cells.text(ResourceColumn.SUMMARY), cells.choice(ResourceColumn.TYPE, ResourceType.class),
                        cells.choice(ResourceColumn.THEME, Theme.class), cells.choice(ResourceColumn.FORMAT, DataFormat.class),
                        cells.choice(ResourceColumn.SHARE_TYPE, ShareType.class), cells.text(ResourceColumn.SHARE_CONDITION),
                        cells.choices(ResourceColumn.SHARE_METHODS, ShareMethod.class),
                        cells.choice(ResourceColumn.OPEN_TYPE, OpenType.class), cells.text(ResourceColumn.OPEN_CONDITION),
                        cells.choice(ResourceColumn.UPDATE_CYCLE, UpdateCycle.class), cells.date(ResourceColumn.RELEASE_DATE),
                        cells.text(ResourceColumn.REGION), cells.list(ResourceColumn.TAGS), cells.list(ResourceColumn.RELATED),
                        fieldRows.stream().map(FieldRow::spec).toList());
                parsed.add(new ParsedResource(r + 1, seq, draft, fieldRows.stream().map(FieldRow::row).toList(), rowErrors,
                        resourceCols, fieldCols));
            }
            // fields whose 资源序号 names no resource row would silently vanish: report them
            fieldsBySeq.forEach((seq, rows) -> {
                if (!seen.containsKey(seq)) rows.forEach(fr -> {
                    errors.add(new RowError(FIELDS, fr.row(), column(fieldCols.get(FieldColumn.SEQ), FieldColumn.SEQ.header),
                            "import.unknown_seq", List.of(seq)));
                    errors.addAll(fr.errors());
                });
            });
            return new Parsed(parsed, errors);
        } catch (IOException e) {
            return new Parsed(List.of(), List.of(new RowError("", 0, "", "import.unreadable", List.of(String.valueOf(e.getMessage())))));
        }
    }

    /** Maps a validator's property path ({@code theme}, {@code fields[2].name}, {@code tags[0]}) to the cell it came from. */
    public RowError locate(ParsedResource resource, String property, String code, List<Object> args) {
        var field = Pattern.compile("fields\\[(\\d+)]\\.(\\w+)").matcher(property);
        if (field.matches()) {
            int i = Integer.parseInt(field.group(1));
            var col = java.util.Arrays.stream(FieldColumn.values()).filter(c -> field.group(2).equals(c.property)).findFirst().orElse(FieldColumn.NAME);
            return new RowError(FIELDS, resource.fieldRows().get(i), column(resource.fieldColumns().get(col), col.header), code, args);
        }
        String base = property.replaceAll("\\[\\d+]$", "");
        var col = java.util.Arrays.stream(ResourceColumn.values()).filter(c -> base.equals(c.property)).findFirst().orElse(ResourceColumn.SEQ);
        return new RowError(RESOURCES, resource.row(), column(resource.resourceColumns().get(col), col.header), code, args);
    }

    private record FieldRow(int row, FieldSpec spec, List<RowError> errors) {}

    private static boolean isEmpty(Row row, DataFormatter formatter) {
        if (row == null) return true;
        for (Cell c : row) if (c.getCellType() != CellType.BLANK && !formatter.formatCellValue(c).isBlank()) return false;
        return true;
    }


    private <C extends Enum<C>> Map<C, Integer> headers(Sheet sheet, C[] columns, java.util.function.Function<C, String> header,
                                                        java.util.function.Predicate<C> required, List<RowError> errors,
                                                        DataFormatter formatter) {
        var found = new HashMap<String, Integer>();
        Row head = sheet.getRow(0);
        if (head != null) for (Cell c : head) found.put(formatter.formatCellValue(c).strip(), c.getColumnIndex());
        var map = new HashMap<C, Integer>();
        for (C col : columns) {
            Integer idx = found.get(header.apply(col));
            if (idx != null) map.put(col, idx);
            else if (required.test(col)) errors.add(new RowError(sheet.getSheetName(), 1, header.apply(col), "import.column_missing", List.of(header.apply(col))));
        }
        return map;
    }

    static String column(Integer index, String header) {
        return index == null ? header : CellReference.convertNumToColString(index) + " " + header;
    }

    /** Reads typed values from one row; an unreadable value is recorded against its cell and read as missing. */
    private final class CellReader {
        private final String sheet;
        private final Row row;
        private final Map<? extends Enum<?>, Integer> columns;
        private final List<RowError> errors;
        private final DataFormatter formatter;

        CellReader(String sheet, Row row, Map<? extends Enum<?>, Integer> columns, List<RowError> errors, DataFormatter formatter) {
            this.sheet = sheet;
            this.row = row;
            this.columns = columns;
            this.errors = errors;
            this.formatter = formatter;
        }

        String text(Enum<?> col) {
            Integer idx = columns.get(col);
            if (idx == null) return null;
            Cell cell = row.getCell(idx);
            if (cell == null) return null;
            String s = formatter.formatCellValue(cell).strip();
            return s.isEmpty() ? null : s;
        }

        Integer integer(Enum<?> col) {
            String s = text(col);
            if (s == null) return null;
            try {
                return Integer.valueOf(s.replace(",", ""));
            } catch (NumberFormatException e) {
                error(col, "import.not_integer", s);
                return null;
            }
        }

        boolean bool(Enum<?> col) {
            String s = text(col);
            if (s == null) return false;
            switch (s.toLowerCase(Locale.ROOT)) {
                case "是", "y", "yes", "true", "1", "√" -> { return true; }
                case "否", "n", "no", "false", "0" -> { return false; }
                default -> {
                    error(col, "import.not_boolean", s);
                    return false;
                }
            }
        }

        LocalDate date(Enum<?> col) {
            Integer idx = columns.get(col);
            if (idx == null || row.getCell(idx) == null) return null;
            Cell cell = row.getCell(idx);
            if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell))
                return cell.getLocalDateTimeCellValue().toLocalDate();
            String s = text(col);
            if (s == null) return null;
            try {
                return LocalDate.parse(s.replace('/', '-').replace('.', '-'));
            } catch (DateTimeParseException e) {
                error(col, "import.not_date", s);
                return null;
            }
        }

        <E extends Enum<E>> E choice(Enum<?> col, Class<E> type) {
            String s = text(col);
            if (s == null) return null;
            E value = parseChoice(type, s);
            if (value == null) error(col, "import.not_choice", s, String.join("、", labels(type)));
            return value;
        }

        <E extends Enum<E>> Set<E> choices(Enum<?> col, Class<E> type) {
            var set = EnumSet.noneOf(type);
            for (String s : list(col)) {
                E value = parseChoice(type, s);
                if (value == null) error(col, "import.not_choice", s, String.join("、", labels(type)));
                else set.add(value);
            }
            return set;
        }

        List<String> list(Enum<?> col) {
            String s = text(col);
            return s == null ? List.of() : List.of(LIST_SEPARATORS.split(s));
        }

        void error(Enum<?> col, String code, Object... args) {
            String header = col instanceof ResourceColumn rc ? rc.header : ((FieldColumn) col).header;
            errors.add(new RowError(sheet, row.getRowNum() + 1, column(columns.get(col), header), code, List.of(args)));
        }
    }

    /** An enum value from its code ({@code CONDITIONAL}) or its Chinese or English label (有条件共享). */
    <E extends Enum<E>> E parseChoice(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text) || label(e, Locale.SIMPLIFIED_CHINESE).equals(text)
                    || label(e, Locale.ENGLISH).equalsIgnoreCase(text)) return e;
        }
        return null;
    }

    String label(Enum<?> e, Locale locale) {
        return messages.getMessage("enum." + e.getDeclaringClass().getSimpleName() + "." + e.name(), null, e.name(), locale);
    }

    private <E extends Enum<E>> List<String> labels(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> label(e, Locale.SIMPLIFIED_CHINESE)).toList();
    }

    // ---------------------------------------------------------------- writing

    /** The empty template: both sheets with headers, one example, drop-down lists for every choice column. */
    public void writeTemplate(OutputStream out) throws IOException {
        try (var book = new XSSFWorkbook()) {
            Sheet res = resourceSheet(book, false);
            Sheet fld = fieldSheet(book);
            Object[] example = {"1", "示例：企业登记基本信息", "3205SC", "全市市场主体登记的基本信息，按日更新。", ResourceType.BASIC,
                    Theme.LEGAL_ENTITY, DataFormat.DATABASE, ShareType.UNCONDITIONAL, "", "API、BULK_SYNC",
                    OpenType.CLOSED, "", UpdateCycle.DAILY, "2025-01-01", "3205", "企业、登记", ""};
            writeRow(res.createRow(1), example);
            writeRow(fld.createRow(1), new Object[]{"1", "credit_code", "统一社会信用代码", FieldType.STRING, 18, "", Sensitivity.L1, "是"});
            writeRow(fld.createRow(2), new Object[]{"1", "name", "企业名称", FieldType.STRING, 200, "", Sensitivity.L1, "否"});
            choiceList(res, ResourceColumn.TYPE.ordinal(), ResourceType.class);
            choiceList(res, ResourceColumn.THEME.ordinal(), Theme.class);
            choiceList(res, ResourceColumn.FORMAT.ordinal(), DataFormat.class);
            choiceList(res, ResourceColumn.SHARE_TYPE.ordinal(), ShareType.class);
            choiceList(res, ResourceColumn.OPEN_TYPE.ordinal(), OpenType.class);
            choiceList(res, ResourceColumn.UPDATE_CYCLE.ordinal(), UpdateCycle.class);
            choiceList(fld, FieldColumn.TYPE.ordinal(), FieldType.class);
            choiceList(fld, FieldColumn.SENSITIVITY.ordinal(), Sensitivity.class);
            Sheet help = book.createSheet("说明");
            String[] lines = {
                    "每行一个资源（资源表）；每行一个信息项（信息项表），以“资源序号”对应资源表的“序号”。",
                    "选择项可填中文名称或代码，例如 有条件共享 或 CONDITIONAL；多个值用顿号或逗号分隔。",
                    "有条件共享、不予共享须填写共享条件（依据）；有条件开放须填写开放条件；每个资源至少一个信息项且至少一个主键。",
                    "提供方代码为部门代码；覆盖区域为 GB/T 2260 行政区划代码；关联资源填写已有资源代码。",
                    "导入的资源为草稿，发布后对其他部门可见。"};
            for (int i = 0; i < lines.length; i++) help.createRow(i).createCell(0).setCellValue(lines[i]);
            help.setColumnWidth(0, 120 * 256);
            book.write(out);
        }
    }

    /** Streams resources to XLSX in the template's shape (plus code and status), a few rows in memory at a time. */
    public void write(Iterable<Resource> resources, OutputStream out) throws IOException {
        try (var book = new SXSSFWorkbook(200)) {
            try {
                writeResources(book, resources, out);
            } finally {
                book.dispose(); // SXSSF's temporary files, also when the client went away mid-download
            }
        }
    }

    private void writeResources(SXSSFWorkbook book, Iterable<Resource> resources, OutputStream out) throws IOException {
        {
            Sheet res = resourceSheet(book, true);
            Sheet fld = fieldSheet(book);
            int r = 1, f = 1;
            for (Resource resource : resources) {
                var d = resource.metadata();
                String seq = Integer.toString(r);
                writeRow(res.createRow(r++), new Object[]{seq, d.name(), d.providerCode(), d.summary(), d.resourceType(),
                        d.theme(), d.format(), d.shareType(), d.shareCondition(),
                        String.join("、", d.shareMethods().stream().sorted().map(e -> label(e, Locale.SIMPLIFIED_CHINESE)).toList()),
                        d.openType(), d.openCondition(), d.updateCycle(),
                        d.releaseDate() == null ? "" : d.releaseDate().toString(), d.regionCode(), String.join("、", d.tags()),
                        String.join("、", d.related()), resource.code(), resource.status()});
                for (FieldSpec s : d.fields()) {
                    writeRow(fld.createRow(f++), new Object[]{seq, s.name(), s.label(), s.type(), s.length(), s.description(),
                            s.sensitivity(), s.key() ? "是" : "否"});
                }
            }
            book.write(out);
        }
    }

    private Sheet resourceSheet(Workbook book, boolean withCodeAndStatus) {
        var headers = new ArrayList<String>();
        for (var c : ResourceColumn.values()) headers.add(c.header);
        if (withCodeAndStatus) {
            headers.add("资源代码");
            headers.add("状态");
        }
        return header(book, RESOURCES, headers);
    }

    private Sheet fieldSheet(Workbook book) {
        var headers = new ArrayList<String>();
        for (var c : FieldColumn.values()) headers.add(c.header);
        return header(book, FIELDS, headers);
    }

    private Sheet header(Workbook book, String name, List<String> headers) {
        Sheet sheet = book.createSheet(name);
        var style = book.createCellStyle();
        var font = book.createFont();
        font.setBold(true);
        style.setFont(font);
        style.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(headers.get(i));
            c.setCellStyle(style);
            sheet.setColumnWidth(i, Math.max(12, headers.get(i).length() * 4) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private void writeRow(Row row, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            Cell c = row.createCell(i);
            if (v instanceof Enum<?> e) c.setCellValue(label(e, Locale.SIMPLIFIED_CHINESE));
            else if (v instanceof Integer n) c.setCellValue(n);
            else c.setCellValue(v.toString());
        }
    }

    private <E extends Enum<E>> void choiceList(Sheet sheet, int column, Class<E> type) {
        var helper = sheet.getDataValidationHelper();
        var constraint = helper.createExplicitListConstraint(labels(type).toArray(String[]::new));
        var validation = helper.createValidation(constraint, new CellRangeAddressList(1, MAX_ROWS, column, column));
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }
}
