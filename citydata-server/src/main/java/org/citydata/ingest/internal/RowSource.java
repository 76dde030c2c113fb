package org.citydata.ingest.internal;

import java.util.Iterator;
import java.util.List;
import org.citydata.ingest.SourceRow;

/**
 * Rows as a source gives them, pulled one at a time so nothing is held whole: a file, a database query, a JSON API.
 * A source whose rows carry named columns (CSV header, query result) says which; one that already puts values in the
 * catalog's field order (JSON objects, matched by key) answers null.
 */
public interface RowSource extends AutoCloseable {

    List<String> columns();

    Iterator<SourceRow> rows();

    /** Bytes read so far, for progress; 0 where the source does not know. */
    default long bytesRead() {
        return 0;
    }

    @Override
    default void close() {}
}
