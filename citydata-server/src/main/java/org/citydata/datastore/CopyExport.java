package org.citydata.datastore;

import static org.citydata.datastore.Datastore.quote;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.privacy.Masking;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A CSV export PostgreSQL writes itself: {@code COPY (select <masked columns> from <version> <where> <order>) TO
 * STDOUT (FORMAT csv)}, each row passed on to the client as it comes, with CRLF for COPY's LF. Formatting and masking
 * in the database is what lets a download keep up with a plain COPY; reading rows into Java, masking and writing them
 * again cost two thirds of that.
 *
 * <p>The bytes are those {@link CsvRowWriter} writes for the same rows: the same header, COPY's quoting (which the
 * writer follows), the masks as {@link SqlMask} renders them, and the first column never empty
 * ({@code coalesce(…, '')}, which COPY quotes) while the others write an empty value like a null ({@code nullif}).
 * The masks PostgreSQL spends most on ({@code keep} and {@code mask} on text, {@code year} and {@code month} on
 * dates) are the exception: those columns are selected as they are and masked by {@link CopyRelay} as it passes the
 * rows on, to the same bytes.
 */
final class CopyExport {

    private CopyExport() {}

    /**
     * The COPY statement for the selection, or empty when a field's mask has neither a relay form ({@link CopyRelay}) nor
     * an SQL form ({@link SqlMask}) or a filter value cannot be written as a literal; the export then takes the Java path.
     *
     * <p>COPY takes no bind parameters, so the filter values (checked and typed by {@link RowSelection}) are written
     * into the statement as escape-string literals, every backslash and quote doubled: nothing in such a literal can
     * end it or start an escape, whatever {@code standard_conforming_strings} says, and the connection's encoding is
     * always UTF-8 (PgJDBC insists), where no byte of a multibyte character looks like a quote or a backslash.
     */
    static Optional<Statement> statement(String table, RowSelection selection, Masking[] masks, LocalDate today) {
        var fields = selection.fields();
        var columns = new ArrayList<String>(fields.size());
        var cells = new ArrayList<CopyRelay.Cell>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            var field = fields.get(i);
            var relayed = CopyRelay.of(masks[i], field.type());
            cells.add(relayed.orElse(CopyRelay.COPIED));
            if (relayed.isPresent()) { // masked on its way to the client: selected as it is
                columns.add(quote(field.name()));
                continue;
            }
            var masked = SqlMask.of(masks[i], field.type(), quote(field.name()), today);
            if (masked.isEmpty()) return Optional.empty();
            if (i == 0) columns.add("coalesce((" + masked.get() + ")::text, '')");
            else if (textual(field.type())) columns.add("nullif(" + masked.get() + ", '')");
            else columns.add(masked.get()); // numbers, booleans, dates and their masks are never empty text
        }
        var where = inlined(selection.where(), selection.params());
        if (where.isEmpty()) return Optional.empty();
        return Optional.of(new Statement("copy (select " + String.join(", ", columns) + " from " + table + " t" + where.get()
                + selection.orderBy("t") + ") to stdout (format csv)", List.copyOf(cells)));
    }

    /** The COPY statement and how {@link CopyRelay} writes each of its columns. */
    record Statement(String sql, List<CopyRelay.Cell> cells) {}

    private static boolean textual(FieldType type) {
        return Datastore.sqlType(type).equals("text");
    }

    /**
     * The where clause with each {@code ?} outside a quoted identifier replaced by its value as a literal; empty when a
     * value is not text (RowSelection binds only text), holds a NUL (PostgreSQL text cannot), or the placeholders and
     * values do not pair up.
     */
    static Optional<String> inlined(String where, List<Object> params) {
        var sql = new StringBuilder(where.length() + 32);
        boolean identifier = false;
        int next = 0;
        for (int i = 0; i < where.length(); i++) {
            char c = where.charAt(i);
            if (c == '"') identifier = !identifier; // a doubled quote inside an identifier toggles twice
            if (identifier || c != '?') {
                if (!identifier && c == '\'') return Optional.empty(); // RowSelection writes no literals of its own
                sql.append(c);
                continue;
            }
            if (next >= params.size() || !(params.get(next) instanceof String value) || value.indexOf('\0') >= 0) return Optional.empty();
            sql.append("E'").append(value.replace("\\", "\\\\").replace("'", "''")).append('\'');
            next++;
        }
        return next == params.size() ? Optional.of(sql.toString()) : Optional.empty();
    }

    /**
     * Runs the statement on the connection and writes the header and every row to {@code out}, counting in
     * {@code written} the rows handed on, also when writing fails midway. COPY sends each row as one message (the
     * protocol promises it), so a message is a line: counted, its LF written as CRLF, its relayed cells masked
     * ({@link CopyRelay}). When the client goes away
     * the COPY is cancelled and what is still on its way read and dropped, so the connection goes back to the pool
     * clean.
     */
    static void stream(PGConnection connection, Statement statement, List<FieldSpec> fields, OutputStream out, long[] written)
            throws IOException, SQLException {
        var relay = new CopyRelay(statement.cells(), out);
        CopyOut copy = connection.getCopyAPI().copyOut(statement.sql());
        try {
            relay.write(CsvRowWriter.header(fields).getBytes(StandardCharsets.UTF_8));
            for (byte[] row = copy.readFromCopy(); row != null; row = copy.readFromCopy()) {
                relay.row(row);
                written[0]++;
            }
            relay.flush();
        } finally {
            if (copy.isActive()) stop(connection, copy);
        }
    }

    /**
     * Cancels a COPY still running and reads it to its end (the cancel's error, then ready for the next query). Should
     * the cancel not reach the server, the rest of the rows are read and dropped: slower, but the connection is clean.
     */
    private static void stop(PGConnection connection, CopyOut copy) {
        try {
            connection.cancelQuery();
        } catch (SQLException e) {
            // read on to the end instead
        }
        try {
            while (copy.readFromCopy() != null) {
                // dropped: the client is gone
            }
        } catch (SQLException expected) {
            // "canceling statement due to user request": the copy is over and the connection usable
        }
    }
}
