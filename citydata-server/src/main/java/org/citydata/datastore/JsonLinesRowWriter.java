package org.citydata.datastore;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.citydata.catalog.FieldSpec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/** JSON Lines: one object per row keyed by field name, numbers and booleans as JSON numbers and booleans, each line ended by a newline. */
final class JsonLinesRowWriter implements RowWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .rootValueSeparator("") // the newline is written after each row, the last one too
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JsonGenerator json;
    private final String[] names;

    JsonLinesRowWriter(OutputStream out, List<FieldSpec> fields) {
        this.json = JSON.createGenerator(out);
        this.names = fields.stream().map(FieldSpec::name).toArray(String[]::new);
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
        json.writeRaw('\n');
    }

    @Override
    public void finish() {
        json.flush();
    }

    @Override
    public void close() {
        json.close(); // frees its buffers; the stream stays open (AUTO_CLOSE_TARGET is off)
    }
}
