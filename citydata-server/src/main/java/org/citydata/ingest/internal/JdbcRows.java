package org.citydata.ingest.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.citydata.datastore.LoadMode;
import org.citydata.ingest.JdbcSettings;
import org.citydata.ingest.SourceRow;

/**
 * The rows of a department database's table or query, streamed with a cursor ({@code fetchSize} rows at a time), on a
 * read-only connection. Incremental reads ask only for rows past the last watermark, in watermark order, and remember
 * the last watermark seen so the next sync starts there. A connection lost midway ends the read with
 * INGEST_SOURCE_LOST; the rows already read are not loaded.
 */
public final class JdbcRows implements RowSource {

    static final int FETCH = 1000;

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final List<String> columns;
    private final int watermarkColumn;
    private String lastWatermark;
    private long row;
    private Boolean ahead;

    private JdbcRows(Connection connection, Statement statement, ResultSet rs, String watermark) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        var meta = rs.getMetaData();
        var names = new ArrayList<String>(meta.getColumnCount());
        int wm = -1;
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
            if (meta.getColumnLabel(i).equalsIgnoreCase(String.valueOf(watermark))) wm = i;
        }
        this.columns = List.copyOf(names);
        this.watermarkColumn = wm;
    }

    /**
     * Opens the source and starts its query. {@code after} is the last watermark loaded (null: read everything);
     * an upsert re-reads rows at the watermark itself, since rows sharing that value may have arrived since.
     */
    public static JdbcRows open(JdbcSettings settings, String password, String after, LoadMode mode, int limit) throws SQLException {
        var connection = connect(settings, password);
        try {
            var statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH);
            if (limit > 0) statement.setMaxRows(limit);
            String base = settings.table() != null && !settings.table().isBlank()
                    ? "select * from " + settings.table().strip() : settings.query().strip();
            String sql = base;
            String wm = settings.watermarkColumn();
            boolean incremental = wm != null && !wm.isBlank();
            if (incremental) {
                sql = "select * from (" + base + ") src";
                if (after != null) sql += " where " + wm + (mode == LoadMode.UPSERT ? " >= ?" : " > ?");
                sql += " order by " + wm;
            }
            ResultSet rs;
            if (incremental && after != null) {
                var prepared = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                prepared.setFetchSize(FETCH);
                if (limit > 0) prepared.setMaxRows(limit);
                prepared.setString(1, after);
                statement.close();
                statement = prepared;
                rs = prepared.executeQuery();
            } else {
                rs = statement.executeQuery(sql);
            }
            return new JdbcRows(connection, statement, rs, wm);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A read-only connection with time limits, set so each driver streams instead of buffering the whole result. */
    static Connection connect(JdbcSettings settings, String password) throws SQLException {
        var p = new Properties();
        if (settings.username() != null) p.setProperty("user", settings.username());
        if (password != null) p.setProperty("password", password);
        String url = settings.url().strip();
        if (url.startsWith("jdbc:postgresql:")) {
            p.setProperty("connectTimeout", "10");
            p.setProperty("socketTimeout", "600");
            p.setProperty("ApplicationName", "citydata-ingest");
            p.setProperty("stringtype", "unspecified"); // the watermark, sent as text, takes the column's type
        } else {
            p.setProperty("connectTimeout", "10000");
            p.setProperty("socketTimeout", "600000");
            p.setProperty("useCursorFetch", "true"); // MySQL streams only with a server cursor
            p.setProperty("allowLoadLocalInfile", "false");
            p.setProperty("autoDeserialize", "false");
        }
        var connection = DriverManager.getConnection(url, p);
        connection.setReadOnly(true);
        connection.setAutoCommit(false); // PostgreSQL keeps a cursor open only inside a transaction
        return connection;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    /** The watermark of the last row read, to start the next incremental sync from. */
    public String lastWatermark() {
        return lastWatermark;
    }

    @Override
    public Iterator<SourceRow> rows() {
        return new Iterator<>() {
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw new SourceException("INGEST_SOURCE_LOST", e, String.valueOf(row), String.valueOf(e.getMessage()));
                    }
                }
                return ahead;
            }

            public SourceRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                ahead = null;
                row++;
                try {
                    var values = new ArrayList<String>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) values.add(text(rs, i));
                    if (watermarkColumn > 0) lastWatermark = rs.getString(watermarkColumn);
                    return new SourceRow(row, values);
                } catch (SQLException e) {
                    throw new SourceException("INGEST_SOURCE_LOST", e, String.valueOf(row), String.valueOf(e.getMessage()));
                }
            }
        };
    }

    /** A database value as the text the field checks read: ISO dates and times, plain decimals. */
    static String text(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) return null;
        if (v instanceof java.sql.Timestamp t) {
            return "timestamptz".equals(rs.getMetaData().getColumnTypeName(i))
                    ? rs.getObject(i, OffsetDateTime.class).toString() : t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof byte[]) return null; // binary columns have no catalog field type
        return v.toString();
    }

    @Override
    public void close() {
        try {
            rs.close();
            statement.close();
            connection.rollback();
        } catch (SQLException ignored) {
            // closing a connection that is already gone
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
