package org.citydata.datastore;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.citydata.catalog.FieldSpec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON object per row keyed by field name, numbers and booleans as JSON numbers and booleans: as JSON Lines (each
 * object ended by a newline) or as one JSON array of them. An array export that fails midway lacks its closing bracket,
 * so it never parses as a whole file.
 */
final class JsonRowWriter implements RowWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .rootValueSeparator("") // JSON Lines: the newline is written after each row, the last one too
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JsonGenerator json;
    private final String[] names;
    private final boolean array;

    JsonRowWriter(OutputStream out, List<FieldSpec> fields, boolean array) {
        this.json = JSON.createGenerator(out);
        this.names = fields.stream().map(FieldSpec::name).toArray(String[]::new);
        this.array = array;
        if (array) json.writeStartArray();
    }

    @Override
    public void row(Object[] values) {
        json.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            json.writeName(names[i]);
            Object v = values[i];
            if (v == null) json.writeNull();
            else if (v instanceof Long l) json.writeNumber(l);
            else if (v instanceof BigDecimal d) json.writeNumber(d);
            else if (v instanceof Boolean b) json.writeBoolean(b);
            else json.writeString(RowWriter.text(v));
        }
        json.writeEndObject();
        if (!array) json.writeRaw('\n');
    }

    @Override
    public void finish() {
        if (array) {
            json.writeEndArray();
            json.writeRaw('\n');
        }
        json.flush();
    }

    @Override
    public void close() {
        json.close(); // frees its buffers; the stream stays open (AUTO_CLOSE_TARGET is off)
    }
}
