package org.citydata.datastore;

import java.util.Locale;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/** The file formats an export streams, with the extension and media type a download carries. */
public enum ExportFormat {
    /** RFC 4180, UTF-8, a header row of field names. */
    CSV("csv", "text/csv;charset=UTF-8"),
    /** One JSON array of objects keyed by field name. */
    JSON("json", "application/json"),
    /** One JSON object per line, keyed by field name. */
    JSONL("jsonl", "application/jsonl"),
    /** One sheet, field labels as the first row, typed cells; at most {@link #XLSX_MAX_ROWS} rows. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** A sheet holds 1,048,576 rows, one of which is the header. */
    public static final long XLSX_MAX_ROWS = 1_048_575;

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code csv}, {@code json}, {@code jsonl} or {@code xlsx}, any case; else {@code DATASTORE_UNKNOWN_FORMAT}. */
    public static Result<ExportFormat> parse(String text) {
        for (var format : values())
            if (format.extension.equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) return Result.ok(format);
        return Result.failure(Problem.of(Problem.Kind.INVALID, "DATASTORE_UNKNOWN_FORMAT", String.valueOf(text)));
    }
}
