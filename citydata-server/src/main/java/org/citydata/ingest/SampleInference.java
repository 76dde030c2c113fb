package org.citydata.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.citydata.catalog.FieldType;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.ingest.internal.XlsxRows;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.quality.TypeInference;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.kernel.text.TextSniffer;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposes the fields of a new resource from a sample file, read the way a load reads it (CSV/TSV in UTF-8 or GBK,
 * JSON, XLSX) but only its first {@value #SAMPLE_ROWS} rows. Nothing is stored: the officer reviews the proposal in
 * the resource form and registers the resource as usual.
 */
@Service
public class SampleInference {

    static final int SAMPLE_ROWS = 1000;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}"); // the catalog's rule
    private static final int MAX_LABEL = 50;
    /** String lengths are proposed with headroom, on steps a person would choose. */
    private static final int[] LENGTHS = {10, 20, 50, 100, 200, 500, 1000, 2000, 4000, 65535};

    private final JsonMapper json;

    SampleInference(JsonMapper json) {
        this.json = json;
    }

    /** What the sample was and the fields proposed for it, in column order. */
    public record Proposal(String format, String encoding, String delimiter, int rowsSampled, List<ProposedField> fields) {}

    /**
     * One proposed field: {@code name} follows the catalog's rule (an ASCII header lower-cased, else {@code col_<n>}),
     * {@code label} is the header; {@code length} has headroom over {@code maxLength}, the longest value seen;
     * {@code required} means no blank in the sample; {@code key} marks one proposed key.
     */
    public record ProposedField(String name, String label, FieldType type, Integer length, Integer maxLength,
                                boolean required, boolean unique, boolean key, double blankShare, List<String> examples) {}

    /** The sample as read: its format, how it was decoded, the header and up to {@value #SAMPLE_ROWS} rows. */
    private record Sample(String format, String encoding, String delimiter, List<String> header, List<List<String>> rows) {}

    /** Any signed-in member of a department may ask: it reads only the file they send, and stores nothing. */
    public Result<Proposal> infer(Actor actor, String sourceName, InputStream in, FileIngest.Options options) throws IOException {
        if (actor.departmentId() <= 0) return AccessPolicy.denied("field inference");
        var forced = options.forcedCharset();
        if (!forced.succeeded()) return Result.failure(forced.problem());
        return read(sourceName, new BufferedInputStream(in, SNIFF_BYTES), forced.value(), options.delimiter()).flatMap(sample -> {
            if (sample.rows().isEmpty()) return Result.failure(Problem.of(Problem.Kind.INVALID, "INGEST_NO_ROWS", sourceName));
            return Result.ok(propose(sample));
        });
    }

    private Result<Sample> read(String sourceName, BufferedInputStream in, Charset forced, Character delimiter) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0) return invalid("INGEST_EMPTY_FILE", sourceName);
        if (XlsxRows.isXls(head)) return invalid("INGEST_XLS_UNSUPPORTED", sourceName);
        if (XlsxRows.isXlsx(head, sourceName)) return workbook(sourceName, in);
        var sniffed = TextSniffer.sniff(head);
        Charset charset = forced != null ? forced : sniffed.charset();
        String encoding = forced != null ? charset.name() : sniffed.charsetLabel();
        char d = delimiter != null ? delimiter : sniffed.delimiter();
        if (sniffed.bomLength() > 0 && forced == null) in.skipNBytes(sniffed.bomLength());
        Reader text = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        var rows = new ArrayList<List<String>>();
        try {
            if (FileIngest.isJson(head, sniffed.bomLength())) {
                var header = jsonSample(text, rows);
                return Result.ok(new Sample("JSON", encoding, null, header, rows));
            }
            var parser = CSVFormat.DEFAULT.builder().setDelimiter(d).setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setIgnoreEmptyLines(true)
                    .setTrim(true).get().parse(text);
            var records = parser.iterator();
            while (rows.size() < SAMPLE_ROWS && records.hasNext()) rows.add(records.next().toList());
            return Result.ok(new Sample(d == '\t' ? "TSV" : "CSV", encoding, d == '\t' ? "\\t" : String.valueOf(d),
                    parser.getHeaderNames(), rows));
        } catch (RuntimeException | IOException e) { // the header is read at once, the rows as they are asked for
            return unreadable(e, rows.size());
        }
    }

    private Result<Sample> workbook(String sourceName, InputStream in) throws IOException {
        var opened = XlsxRows.open(in, sourceName);
        if (!opened.succeeded()) return Result.failure(opened.problem());
        try (var sheet = opened.value()) {
            var rows = new ArrayList<List<String>>();
            while (rows.size() < SAMPLE_ROWS && sheet.hasNext()) rows.add(sheet.next().values());
            return Result.ok(new Sample("XLSX", null, null, sheet.header(), rows));
        } catch (XlsxRows.Malformed e) {
            return invalid("INGEST_MALFORMED_XLSX", e.getMessage());
        }
    }

    /** Up to {@value #SAMPLE_ROWS} objects of a JSON array or JSON lines; the columns are their keys in order of appearance. */
    private List<String> jsonSample(Reader text, List<List<String>> rows) {
        var objects = json.readerFor(Map.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        var maps = new ArrayList<Map<?, ?>>();
        var keys = new LinkedHashSet<String>();
        try (var parser = json.createParser(text)) {
            JsonToken first = parser.nextToken();
            boolean atObject = first == JsonToken.START_OBJECT;
            if (first != JsonToken.START_ARRAY && !atObject)
                throw new IllegalArgumentException("a JSON source is an array of objects or one object per line, not " + first);
            while (maps.size() < SAMPLE_ROWS) {
                JsonToken token = atObject ? JsonToken.START_OBJECT : parser.nextToken();
                atObject = false;
                if (token == null || token == JsonToken.END_ARRAY) break;
                if (token != JsonToken.START_OBJECT)
                    throw new IllegalArgumentException("a JSON source holds objects, found " + token + " at line " + parser.currentLocation().getLineNr());
                Map<?, ?> object = objects.readValue(parser);
                object.keySet().forEach(k -> keys.add(String.valueOf(k)));
                maps.add(object);
            }
        }
        for (var object : maps) {
            var values = new ArrayList<String>(keys.size());
            for (String key : keys) {
                Object v = object.get(key);
                values.add(v == null ? null : v instanceof Map<?, ?> || v instanceof List<?> ? json.writeValueAsString(v) : v.toString());
            }
            rows.add(values);
        }
        return List.copyOf(keys);
    }

    /** The same codes a load would fail with, so the officer learns early what the load will say. */
    private static Result<Sample> unreadable(Exception e, int rowsRead) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) return invalid("INGEST_ENCODING", String.valueOf(rowsRead + 1));
            if (t instanceof JacksonException je) {
                var at = je.getLocation();
                return invalid("INGEST_MALFORMED_JSON", at == null ? "?" : String.valueOf(at.getLineNr()),
                        at == null ? "?" : String.valueOf(at.getColumnNr()), je.getOriginalMessage());
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IllegalArgumentException && message.contains("JSON source")) return invalid("INGEST_MALFORMED_JSON", "1", "1", message);
        if (e instanceof UncheckedIOException || message.contains("encapsulated token"))
            return invalid("INGEST_MALFORMED_CSV", String.valueOf(rowsRead + 1), message);
        return invalid("INGEST_FAILED", message);
    }

    private static <T> Result<T> invalid(String code, Object... args) {
        return Result.failure(Problem.of(Problem.Kind.INVALID, code, args));
    }

    private static Proposal propose(Sample sample) {
        var columns = TypeInference.infer(sample.header(), sample.rows());
        int key = keyColumn(columns);
        var names = new HashSet<String>();
        var fields = new ArrayList<ProposedField>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            var c = columns.get(i);
            String header = c.name() == null ? "" : c.name().strip();
            String name = unique(fieldName(header, i + 1), names);
            String label = header.isEmpty() ? name : header.length() > MAX_LABEL ? header.substring(0, MAX_LABEL) : header;
            boolean text = c.kind() == ValueKind.STRING;
            fields.add(new ProposedField(name, label, FieldType.valueOf(c.kind().name()), text ? length(c.maxLength()) : null,
                    c.maxLength(), c.complete(), c.unique(), i == key, Math.round(c.blankShare() * 1000) / 1000.0, c.examples()));
        }
        return new Proposal(sample.format(), sample.encoding(), sample.delimiter(), sample.rows().size(), fields);
    }

    /**
     * The column proposed as key: complete and unique in the sample, an identifier first (a person's or a company's),
     * else the first such text or integer column (a serial or code). -1 when none qualifies: the officer decides.
     */
    static int keyColumn(List<TypeInference.Proposal> columns) {
        int fallback = -1;
        for (int i = 0; i < columns.size(); i++) {
            var c = columns.get(i);
            if (!c.keyCandidate()) continue;
            if (c.kind() == ValueKind.RESIDENT_ID || c.kind() == ValueKind.CREDIT_CODE) return i;
            if (fallback < 0 && (c.kind() == ValueKind.STRING || c.kind() == ValueKind.INTEGER)) fallback = i;
        }
        return fallback;
    }

    /** "ID Number" → id_number; a Chinese or otherwise non-ASCII header → col_3 (its position), keeping the header as label. */
    static String fieldName(String header, int position) {
        String ascii = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (header.chars().allMatch(ch -> ch < 128) && FIELD_NAME.matcher(ascii).matches()) return ascii;
        return "col_" + position;
    }

    private static String unique(String name, java.util.Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) candidate = name.substring(0, Math.min(name.length(), 58)) + "_" + n;
        return candidate;
    }

    private static int length(int longest) {
        for (int step : LENGTHS) if (step > longest) return step;
        return LENGTHS[LENGTHS.length - 1];
    }
}
