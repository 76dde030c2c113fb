package org.citydata.ingest.internal;

import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.citydata.catalog.FieldSpec;
import org.citydata.ingest.SourceRow;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a JSON source, streamed: either one array of objects or one object per line (JSON lines), each
 * object's values taken in the catalog's field order ({@link ObjectValues}).
 */
public final class JsonRows implements Iterator<SourceRow> {

    private final ObjectReader objects;
    private final JsonParser parser;
    private final ObjectValues values;
    private boolean atObject;
    private SourceRow next;

    public JsonRows(JsonMapper json, Reader reader, List<FieldSpec> fields, Map<String, String> mapping) {
        // one object at a time from a longer stream: what follows it is the next row, not trailing garbage
        this.objects = json.readerFor(Map.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.parser = json.createParser(reader);
        this.values = new ObjectValues(json, fields, mapping);
        JsonToken first = parser.nextToken();
        this.atObject = first == JsonToken.START_OBJECT;
        if (first != null && first != JsonToken.START_ARRAY && !atObject)
            throw new IllegalArgumentException("a JSON source is an array of objects or one object per line, not " + first);
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        JsonToken token = atObject ? JsonToken.START_OBJECT : parser.nextToken();
        atObject = false;
        if (token == null || token == JsonToken.END_ARRAY) return false;
        if (token != JsonToken.START_OBJECT)
            throw new IllegalArgumentException("expected an object at line " + parser.currentLocation().getLineNr() + ", found " + token);
        long line = parser.currentLocation().getLineNr();
        Map<?, ?> object = objects.readValue(parser);
        next = new SourceRow(line, values.of(object));
        return true;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        var row = next;
        next = null;
        return row;
    }
}
