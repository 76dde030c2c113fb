package org.citydata.datastore;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;

/**
 * Passes COPY's CSV rows on to the client, CRLF for LF, and applies on the way the masks that cost PostgreSQL most and
 * are simplest on COPY's own bytes: {@code keep} and {@code mask} on text columns, {@code year} and {@code month} on
 * DATE columns. Those columns leave the database unmasked (COPY writes them as a plain select would) and are masked
 * here, in the same pass that copies the row; every other column is masked in the select ({@link SqlMask}) and passed
 * on as it comes. On two cores PostgreSQL's expressions for keep cost more than the whole relay (a masked COPY took
 * twice the CPU of a plain one), while here a masked cell is a walk over its bytes.
 *
 * <p>The bytes are the Java path's: the rules as {@link Masker} applies them (characters are code points, which in
 * UTF-8 are the bytes that do not continue a sequence; an empty or null value stays empty), written as
 * {@link CsvRowWriter} writes a cell. The parity test holds all three to the same bytes.
 */
final class CopyRelay {

    /** How a column is written: as COPY wrote it, or masked here. */
    sealed interface Cell {
        /** Masked in the select; COPY's bytes are the cell. */
        record Copied() implements Cell {}

        /** {@code keep(first,last)}, or {@code mask} as keep(0,0) on a value longer than nothing. */
        record Kept(int first, int last) implements Cell {}

        /** {@code year} (4) or {@code month} (7) of a DATE, as the first characters of its ISO text. */
        record DatePrefix(int length) implements Cell {}
    }

    static final Cell COPIED = new Cell.Copied();

    /**
     * The cell that masks {@code rule} on a column of {@code type} here, or empty when the select masks it. Only for
     * text columns (COPY writes their values as they are) and DATE columns (COPY writes {@code YYYY-MM-DD}, then
     * {@code BC} for those, or more year digits, or {@code infinity}: PgJDBC keeps DateStyle ISO).
     */
    static Optional<Cell> of(Masking rule, FieldType type) {
        boolean text = Datastore.sqlType(type).equals("text");
        if (text && rule instanceof Masking.Keep keep) return Optional.of(new Cell.Kept(keep.first(), keep.last()));
        if (text && rule instanceof Masking.MaskAll) return Optional.of(new Cell.Kept(0, 0));
        if (type == FieldType.DATE && rule instanceof Masking.Year) return Optional.of(new Cell.DatePrefix(4));
        if (type == FieldType.DATE && rule instanceof Masking.Month) return Optional.of(new Cell.DatePrefix(7));
        return Optional.empty();
    }

    private final Cell[] cells;
    private final boolean relayed; // any cell masked here: else a row is copied whole
    private final int lastRelayed;
    private final OutputStream out;
    private byte[] buffer = new byte[1 << 16];
    private int used;
    private byte[] value = new byte[256]; // a quoted cell's value without its quotes

    CopyRelay(List<Cell> cells, OutputStream out) {
        this.cells = cells.toArray(Cell[]::new);
        int last = -1;
        for (int i = 0; i < cells.size(); i++) if (!(cells.get(i) instanceof Cell.Copied)) last = i;
        this.lastRelayed = last;
        this.relayed = last >= 0;
        this.out = out;
    }

    /** Bytes before the rows: the header. */
    void write(byte[] bytes) throws IOException {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    /** One row as COPY sent it (one message, LF at its end), written with CRLF. */
    void row(byte[] row) throws IOException {
        int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        if (!relayed) {
            room(end + 2);
            System.arraycopy(row, 0, buffer, used, end);
            used += end;
        } else {
            // a masked cell is never longer than COPY's, but for the first column's "" for an empty one
            room(end + 2 + 2);
            int p = 0;
            for (int i = 0; i < cells.length; i++) {
                if (i > lastRelayed) { // the rest as COPY wrote it
                    buffer[used++] = ',';
                    System.arraycopy(row, p, buffer, used, end - p);
                    used += end - p;
                    break;
                }
                int start = p;
                boolean quoted = p < end && row[p] == '"';
                if (quoted) {
                    p++;
                    while (p < end) {
                        if (row[p] == '"') {
                            if (p + 1 < end && row[p + 1] == '"') p += 2;
                            else {
                                p++;
                                break;
                            }
                        } else p++;
                    }
                } else {
                    while (p < end && row[p] != ',') p++;
                }
                if (i > 0) buffer[used++] = ',';
                if (cells[i] instanceof Cell.Copied) {
                    System.arraycopy(row, start, buffer, used, p - start);
                    used += p - start;
                } else if (quoted) {
                    int length = unquoted(row, start + 1, p - 1);
                    masked(cells[i], i, value, 0, length);
                } else {
                    masked(cells[i], i, row, start, p - start);
                }
                p++; // the comma
            }
        }
        buffer[used++] = '\r';
        buffer[used++] = '\n';
    }

    void flush() throws IOException {
        if (used > 0) out.write(buffer, 0, used);
        used = 0;
        out.flush();
    }

    /** Copies a quoted cell's value (between its quotes, quotes doubled) into {@link #value}; its length. */
    private int unquoted(byte[] row, int from, int to) {
        if (value.length < to - from) value = new byte[Math.max(to - from, value.length * 2)];
        int n = 0;
        for (int p = from; p < to; p++) {
            value[n++] = row[p];
            if (row[p] == '"') p++; // the second of a doubled quote
        }
        return n;
    }

    /**
     * Writes the masked value. A null (COPY's unquoted empty cell) and an empty value are both written empty, {@code ""}
     * in the first column, as {@link CsvRowWriter} writes them.
     */
    private void masked(Cell cell, int index, byte[] v, int from, int length) {
        if (length == 0) {
            if (index == 0) {
                buffer[used++] = '"';
                buffer[used++] = '"';
            }
            return;
        }
        if (cell instanceof Cell.DatePrefix date) {
            // a four-digit year is followed by its dash; more digits or infinity are no date to the Masker: masked
            if (length > 4 && v[from + 4] == '-') put(v, from, date.length());
            else stars(length); // ASCII: one character a byte
            return;
        }
        var keep = (Cell.Kept) cell;
        int characters = 0;
        for (int p = from; p < from + length; p++) if ((v[p] & 0xC0) != 0x80) characters++;
        int first = keep.first();
        int last = keep.last();
        if (first + last >= characters) { // Masker.keep: show less than half instead
            int budget = (characters - 1) / 2;
            first = Math.min(first, budget);
            last = Math.min(last, budget - first);
        }
        int head = from; // the end of the first characters
        for (int c = 0; c < first; c++) head = next(v, head, from + length);
        int tail = from + length; // the start of the last characters
        for (int c = 0; c < last; c++) do tail--; while ((v[tail] & 0xC0) == 0x80);
        int stars = characters - first - last;
        // what is kept may need quoting; a masked value always has a star, so it is never the single column's \.
        boolean quote = special(v, from, head) || special(v, tail, from + length);
        if (quote) { // only when COPY quoted the value too, so no longer than COPY's cell
            buffer[used++] = '"';
            doubled(v, from, head);
            stars(stars);
            doubled(v, tail, from + length);
            buffer[used++] = '"';
        } else {
            put(v, from, head - from);
            stars(stars);
            put(v, tail, from + length - tail);
        }
    }

    /** The start of the character after the one at {@code p}. */
    private static int next(byte[] v, int p, int end) {
        p++;
        while (p < end && (v[p] & 0xC0) == 0x80) p++;
        return p;
    }

    /** A comma, quote, CR or LF: what makes COPY and {@link CsvRowWriter} quote a value. */
    private static boolean special(byte[] v, int from, int to) {
        for (int p = from; p < to; p++) {
            byte b = v[p];
            if (b == ',' || b == '"' || b == '\n' || b == '\r') return true;
        }
        return false;
    }

    private void doubled(byte[] v, int from, int to) {
        for (int p = from; p < to; p++) {
            buffer[used++] = v[p];
            if (v[p] == '"') buffer[used++] = '"';
        }
    }

    private void put(byte[] v, int from, int length) {
        System.arraycopy(v, from, buffer, used, length);
        used += length;
    }

    private void stars(int n) {
        Arrays.fill(buffer, used, used + n, (byte) '*');
        used += n;
    }

    /** Makes room for {@code n} more bytes, writing out what is buffered first when needed. */
    private void room(int n) throws IOException {
        if (buffer.length - used >= n) return;
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
        if (buffer.length < n) buffer = new byte[Math.max(n, buffer.length * 2)];
    }
}
