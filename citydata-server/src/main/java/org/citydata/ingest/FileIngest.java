package org.citydata.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.Resource;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.VersionLoad;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Role;
import org.citydata.ingest.internal.JsonRows;
import org.citydata.ingest.internal.RunLog;
import org.citydata.ingest.internal.XlsxRows;
import tools.jackson.databind.json.JsonMapper;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.id.MobileNumber;
import org.citydata.kernel.quality.ValueCheck;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.kernel.text.TextSniffer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Loads a delimited text file (CSV/TSV, UTF-8 with or without BOM, or GBK/GB18030) into a new version of a resource's
 * data, streaming: the file is never held in memory. Each row is checked field by field; failing rows go to the
 * quarantine with line, field, value and reason. When more than the allowed share fails, nothing is loaded.
 */
@Service
public class FileIngest {

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int QUARANTINE_BATCH = 1000;

    private final Catalog catalog;
    private final Datastore datastore;
    private final AccessPolicy policy;
    private final RunLog runs;
    private final double maxRejectedShare;
    private final TaskExecutor background;
    private final JsonMapper json;
    private final Map<Long, AtomicBoolean> cancellations = new ConcurrentHashMap<>();

    FileIngest(Catalog catalog, Datastore datastore, AccessPolicy policy, RunLog runs,
               @Value("${citydata.ingest.max-rejected-share:0.05}") double maxRejectedShare, TaskExecutor background,
               JsonMapper json) {
        this.catalog = catalog;
        this.datastore = datastore;
        this.policy = policy;
        this.runs = runs;
        this.maxRejectedShare = maxRejectedShare;
        this.background = background;
        this.json = json;
    }

    /** What the person chose instead of the detected encoding or delimiter; null means "detect". */
    public record Options(String encoding, Character delimiter) {}

    /** A run that passed the checks and is recorded as RUNNING; {@link #execute} then reads its input. */
    public record Started(long runId, Resource resource, String source, Charset forcedEncoding) {}

    /** Loads now and answers when done (the API's way). */
    public Result<IngestRun> load(Actor actor, String resourceCode, String sourceName, InputStream in, Options options) {
        var started = start(actor, resourceCode, sourceName, null, options);
        if (!started.succeeded()) return Result.failure(started.problem());
        return execute(started.value(), in, options);
    }

    /**
     * Loads a file saved on disk in the background (the console's way): the run is answered at once and its record
     * shows progress while it goes; {@link #cancel} stops it. The file is deleted when the run ends.
     */
    public Result<Long> loadInBackground(Actor actor, String resourceCode, String sourceName, Path file, Options options)
            throws IOException {
        var started = start(actor, resourceCode, sourceName, Files.size(file), options);
        if (!started.succeeded()) {
            Files.deleteIfExists(file);
            return Result.failure(started.problem());
        }
        background.execute(() -> {
            try (var in = Files.newInputStream(file)) {
                execute(started.value(), in, options);
            } catch (IOException e) {
                runs.finish(started.value().runId(), "FAILED", 0, 0, 0, 0, null, "INGEST_FAILED", List.of(String.valueOf(e.getMessage())));
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its temp folder too
                }
            }
        });
        return Result.ok(started.value().runId());
    }

    /** A run, for the provider's editors, the bureau and auditors (its quarantine holds raw values); else not found. */
    public Result<IngestRun> run(Actor actor, long runId) {
        var run = runs.find(runId);
        var resource = run.map(r -> catalog.get(actor, r.resourceId()));
        if (resource.isEmpty() || !resource.get().succeeded() || !mayOperate(actor, resource.get().value().providerId()))
            return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        return Result.ok(run.get());
    }

    /** The resource's runs, newest first, for the same people. */
    public Result<List<IngestRun>> runs(Actor actor, String resourceCode) {
        var resource = catalog.get(actor, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        if (!mayOperate(actor, resource.value().providerId())) return AccessPolicy.denied("runs of " + resourceCode);
        return Result.ok(runs.forResource(resource.value().id()));
    }

    public boolean mayOperate(Actor actor, long providerId) {
        return policy.canEditResourcesOf(actor, providerId) || actor.has(Role.AUDITOR);
    }

    /** Asks a running load to stop; it ends FAILED with INGEST_CANCELLED and loads nothing. */
    public Result<Void> cancel(Actor actor, long runId) {
        var run = runs.find(runId);
        if (run.isEmpty()) return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        var resource = catalog.get(actor, run.get().resourceId());
        if (!resource.succeeded() || !policy.canEditResourcesOf(actor, resource.value().providerId()))
            return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        var flag = cancellations.get(runId);
        if (flag == null) return Result.failure(Problem.conflict("INGEST_NOT_RUNNING", runId));
        flag.set(true);
        return Result.ok(null);
    }

    private Result<Started> start(Actor actor, String resourceCode, String sourceName, Long size, Options options) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        var resource = found.value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("data of " + resourceCode);
        Charset forced;
        try {
            forced = options.encoding() == null || options.encoding().isBlank() ? null : Charset.forName(options.encoding());
        } catch (IllegalArgumentException e) {
            return Result.failure(Problem.of(Problem.Kind.INVALID, "INGEST_UNKNOWN_ENCODING", options.encoding()));
        }
        long runId = runs.start(resource.id(), sourceName, actor.signature(), size);
        return Result.ok(new Started(runId, resource, sourceName, forced));
    }

    public Result<IngestRun> execute(Started started, InputStream in, Options options) {
        long runId = started.runId();
        var resource = started.resource();
        Charset forced = started.forcedEncoding();
        String sourceName = started.source();
        var cancelled = new AtomicBoolean();
        cancellations.put(runId, cancelled);
        var counting = new CountingStream(new BufferedInputStream(in, SNIFF_BYTES));
        var run = new Run(runId, resource.metadata().fields(), counting, cancelled);
        VersionLoad load = null;
        XlsxRows sheet = null;
        try {
            counting.mark(SNIFF_BYTES);
            byte[] sample = counting.readNBytes(SNIFF_BYTES);
            counting.reset();
            if (sample.length == 0) return run.fail(counting, "INGEST_EMPTY_FILE", sourceName);
            var sniffed = TextSniffer.sniff(sample);
            Charset charset = forced != null ? forced : sniffed.charset();
            char delimiter = options.delimiter() != null ? options.delimiter() : sniffed.delimiter();
            if (sniffed.bomLength() > 0 && forced == null) counting.skipNBytes(sniffed.bomLength());
            runs.detected(runId, forced != null ? charset.name() : sniffed.charsetLabel(), delimiter == '\t' ? "\\t" : String.valueOf(delimiter));

            var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            var text = new InputStreamReader(counting, decoder);
            Iterator<SourceRow> rows;
            int[] index;
            int width;
            if (XlsxRows.isXls(sample)) return run.fail(counting, "INGEST_XLS_UNSUPPORTED", sourceName);
            if (XlsxRows.isXlsx(sample, sourceName)) { // the first sheet of a workbook, read from a temporary copy
                runs.detected(runId, "XLSX", null);
                var opened = XlsxRows.open(counting, sourceName);
                if (!opened.succeeded()) return run.fail(counting, opened.problem().code(), opened.problem().args().stream().map(String::valueOf).toArray(String[]::new));
                sheet = opened.value();
                var columns = run.mapColumns(sheet.header());
                if (columns.isFailure()) return run.fail(counting, columns.code(), columns.args());
                index = columns.index();
                width = sheet.header().size();
                rows = sheet;
            } else if (isJson(sample, sniffed.bomLength())) {
                runs.detected(runId, forced != null ? charset.name() : sniffed.charsetLabel(), "JSON");
                rows = new JsonRows(json, text, resource.metadata().fields());
                width = resource.metadata().fields().size();
                index = java.util.stream.IntStream.range(0, width).toArray(); // values come in field order
            } else {
                var parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                        .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).setTrim(true).get()
                        .parse(text);
                var columns = run.mapColumns(parser.getHeaderNames());
                if (columns.isFailure()) return run.fail(counting, columns.code(), columns.args());
                index = columns.index();
                width = parser.getHeaderNames().size();
                var records = parser.iterator();
                rows = new Iterator<>() {
                    public boolean hasNext() {
                        return records.hasNext();
                    }

                    public SourceRow next() {
                        var record = records.next();
                        return new SourceRow(record.getRecordNumber() + 1, record.toList()); // the header is line 1
                    }
                };
            }

            load = datastore.begin(resource.id(), resource.metadata().fields());
            datastore.copyIn(load, run.rows(rows, index, width));
            run.flushQuarantine();
            if (run.read == 0) {
                datastore.abandon(load);
                return run.fail(counting, "INGEST_NO_ROWS", sourceName);
            }
            if (run.rejected > run.read * maxRejectedShare) {
                datastore.abandon(load);
                return run.fail(counting, "INGEST_TOO_MANY_REJECTED", Long.toString(run.rejected), Long.toString(run.read),
                        String.format(Locale.ROOT, "%.1f%%", maxRejectedShare * 100));
            }
            var committed = datastore.commit(load);
            if (!committed.succeeded()) {
                datastore.abandon(load);
                return run.fail(counting, committed.problem().code(), committed.problem().args().stream().map(String::valueOf).toArray(String[]::new));
            }
            runs.finish(runId, "SUCCEEDED", run.read, run.read - run.rejected, run.rejected, counting.count,
                    committed.value().version(), null, null);
            return Result.ok(runs.get(runId));
        } catch (RuntimeException | IOException e) {
            if (load != null) datastore.abandon(load);
            run.flushQuarantine();
            if (cancelled.get()) return run.fail(counting, "INGEST_CANCELLED", String.valueOf(run.read));
            return failure(run, counting, e);
        } finally {
            if (sheet != null) sheet.close();
            cancellations.remove(runId);
        }
    }

    /** A JSON source starts with [ or { (after a byte order mark and blanks); anything else is delimited text. */
    static boolean isJson(byte[] sample, int bom) {
        for (int i = bom; i < sample.length; i++) {
            char c = (char) sample[i];
            if (Character.isWhitespace(c)) continue;
            return c == '[' || c == '{';
        }
        return false;
    }

    private Result<IngestRun> failure(Run run, CountingStream counting, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XlsxRows.Malformed m) return run.fail(counting, "INGEST_MALFORMED_XLSX", m.getMessage());
            if (t instanceof CharacterCodingException) return run.fail(counting, "INGEST_ENCODING", String.valueOf(run.read + 1));
            if (t instanceof tools.jackson.core.JacksonException je) {
                var at = je.getLocation();
                return run.fail(counting, "INGEST_MALFORMED_JSON", at == null ? "?" : String.valueOf(at.getLineNr()),
                        at == null ? "?" : String.valueOf(at.getColumnNr()), je.getOriginalMessage());
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains("JSON source"))
                return run.fail(counting, "INGEST_MALFORMED_JSON", "1", "1", t.getMessage());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UncheckedIOException || message.contains("encapsulated token"))
            return run.fail(counting, "INGEST_MALFORMED_CSV", String.valueOf(run.read + 1), message);
        return run.fail(counting, "INGEST_FAILED", message);
    }

    /** The state of one run: counts, pending quarantine, and the field checks. */
    private final class Run {
        final long id;
        final List<FieldSpec> fields;
        final List<QuarantinedValue> pending = new ArrayList<>();
        final CountingStream counting;
        final AtomicBoolean cancelled;
        long read, rejected;
        private long lastReport = System.nanoTime();

        Run(long id, List<FieldSpec> fields, CountingStream counting, AtomicBoolean cancelled) {
            this.id = id;
            this.fields = fields;
            this.counting = counting;
            this.cancelled = cancelled;
        }

        /** Every 1,000 rows: stop if asked to, and tell the run record how far we are (at most twice a second). */
        private void checkpoint() {
            if (read % 1000 != 0) return;
            if (cancelled.get()) throw new IllegalStateException("cancelled");
            long now = System.nanoTime();
            if (now - lastReport > 500_000_000L) {
                runs.progress(id, read, rejected, counting.count);
                lastReport = now;
            }
        }

        record Columns(int[] index, String code, String[] args) {
            boolean isFailure() {
                return code != null;
            }
        }

        /** Each catalog field's column in the file, found by field name or Chinese label. */
        Columns mapColumns(List<String> header) {
            var positions = new HashMap<String, Integer>();
            for (int i = 0; i < header.size(); i++) positions.putIfAbsent(header.get(i).strip(), i);
            int[] index = new int[fields.size()];
            var missing = new ArrayList<String>();
            var used = new java.util.HashSet<Integer>();
            for (int f = 0; f < fields.size(); f++) {
                Integer at = positions.getOrDefault(fields.get(f).name(), positions.get(fields.get(f).label()));
                if (at == null) missing.add(fields.get(f).name() + "（" + fields.get(f).label() + "）");
                else {
                    index[f] = at;
                    used.add(at);
                }
            }
            var unexpected = new ArrayList<String>();
            for (int i = 0; i < header.size(); i++) if (!used.contains(i) && !header.get(i).isBlank()) unexpected.add(header.get(i));
            if (!missing.isEmpty() || !unexpected.isEmpty())
                return new Columns(null, "INGEST_COLUMNS_MISMATCH", new String[]{
                        missing.isEmpty() ? "—" : String.join("、", missing), unexpected.isEmpty() ? "—" : String.join("、", unexpected)});
            return new Columns(index, null, null);
        }

        /** The rows that pass, as CSV text for COPY; the rest go to the quarantine. Pulled as COPY reads. */
        Reader rows(Iterator<SourceRow> records, int[] index, int width) {
            return new Reader() {
                private final StringBuilder buffer = new StringBuilder();
                private int position;

                @Override
                public int read(char[] out, int offset, int length) {
                    while (position >= buffer.length()) {
                        if (!records.hasNext()) return -1;
                        buffer.setLength(0);
                        position = 0;
                        accept(records.next(), index, width, buffer);
                    }
                    int n = Math.min(length, buffer.length() - position);
                    buffer.getChars(position, position + n, out, offset);
                    position += n;
                    return n;
                }

                @Override
                public void close() {}
            };
        }

        private void accept(SourceRow record, int[] index, int width, StringBuilder out) {
            read++;
            checkpoint();
            long line = record.line();
            if (record.values().size() != width) {
                quarantine(new QuarantinedValue(line, null, String.join(",", record.values()), "row.ragged"));
                return;
            }
            var problems = new ArrayList<QuarantinedValue>();
            var values = new String[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                var spec = fields.get(f);
                String raw = index[f] < record.values().size() ? record.values().get(index[f]) : null;
                var problem = ValueCheck.problem(ValueKind.valueOf(spec.type().name()), spec.length(), spec.key(), raw);
                if (problem.isPresent()) problems.add(new QuarantinedValue(line, spec.name(), raw, problem.get()));
                else values[f] = normalize(spec.type(), raw);
            }
            if (!problems.isEmpty()) {
                problems.forEach(this::quarantine); // counted once per row, however many of its values failed
                return;
            }
            for (int f = 0; f < values.length; f++) {
                if (f > 0) out.append(',');
                if (values[f] != null) out.append('"').append(values[f].replace("\"", "\"\"")).append('"');
            }
            out.append('\n');
        }

        private void quarantine(QuarantinedValue value) {
            if (pending.isEmpty() || pending.get(pending.size() - 1).line() != value.line()) rejected++;
            pending.add(value);
            if (pending.size() >= QUARANTINE_BATCH) flushQuarantine();
        }

        void flushQuarantine() {
            runs.quarantine(id, List.copyOf(pending));
            pending.clear();
        }

        Result<IngestRun> fail(CountingStream counting, String code, String... args) {
            runs.finish(id, "FAILED", read, 0, rejected, counting.count, null, code, List.of(args));
            return Result.failure(Problem.of(Problem.Kind.INVALID, code, (Object[]) args));
        }
    }

    /** The value as the table column takes it: blank is null, identifiers and booleans in one spelling. */
    static String normalize(FieldType type, String raw) {
        if (raw == null || raw.isBlank()) return null;
        String v = raw.strip();
        return switch (type) {
            case INTEGER -> Long.toString(Long.parseLong(v));
            case DECIMAL -> new BigDecimal(v).toPlainString();
            case BOOLEAN -> Map.of("true", "true", "1", "true", "y", "true", "yes", "true", "是", "true")
                    .getOrDefault(v.toLowerCase(Locale.ROOT), "false");
            case DATE -> ValueCheck.date(v).map(Object::toString).orElseThrow();
            case RESIDENT_ID -> v.toUpperCase(Locale.ROOT);
            case MOBILE -> MobileNumber.normalize(v).orElseThrow();
            case STRING, TIMESTAMP, CREDIT_CODE -> v;
        };
    }

    /** Counts the bytes read, for the run record and progress. */
    private static final class CountingStream extends FilterInputStream {
        long count;
        private long marked;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = marked;
        }
    }
}
