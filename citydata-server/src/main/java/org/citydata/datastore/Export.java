package org.citydata.datastore;

import java.io.IOException;
import java.io.OutputStream;
import org.citydata.catalog.Resource;
import org.citydata.kernel.privacy.Masking;

/**
 * An export whose reader, query and version are already checked, so that a refusal is a proper problem response and
 * not a broken download: the web layer sets the headers from it, then streams it. It reads the version fixed when
 * it was prepared, even if a newer one is committed meanwhile, so the file name never lies.
 */
public final class Export {

    private final Datastore datastore;
    final ReadTerms terms;
    final Resource resource;
    final DatasetVersion version;
    final RowSelection selection;
    final Masking[] masks;
    private final Long rows;
    final String criteria;
    final ExportFormat format;

    Export(Datastore datastore, ReadTerms terms, Resource resource, DatasetVersion version, RowSelection selection,
           Masking[] masks, Long rows, String criteria, ExportFormat format) {
        this.rows = rows;
        this.datastore = datastore;
        this.terms = terms;
        this.resource = resource;
        this.version = version;
        this.selection = selection;
        this.masks = masks;
        this.criteria = criteria;
        this.format = format;
    }

    public int version() {
        return version.version();
    }

    public ExportFormat format() {
        return format;
    }

    /** The rows it will write, when they were counted for a row limit; else null. */
    public Long rows() {
        return rows;
    }

    /** {@code <code>-v<version>.<ext>}, e.g. {@code 101-3205GA-000001-v3.csv}. */
    public String fileName() {
        return resource.code() + "-v" + version.version() + "." + format.extension();
    }

    /** Streams every matching row, masked, and records the export's end with the rows written; returns that number. */
    public long writeTo(OutputStream out) throws IOException {
        return datastore.stream(this, out);
    }
}
