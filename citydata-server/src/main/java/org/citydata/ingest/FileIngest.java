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
import org.citydata.datastore.LoadMode;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.ingest.internal.JsonRows;
import org.citydata.ingest.internal.Loader;
import org.citydata.ingest.internal.RowSource;
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
import org.springframework.beans.factory.annotation.Qualifier;
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

    private final Catalog catalog;
    private final AccessPolicy policy;
    private final RunLog runs;
    private final Loader loader;
    private final Sources sources;
    private final TaskExecutor background;
    private final JsonMapper json;

    FileIngest(Catalog catalog, AccessPolicy policy, RunLog runs, Loader loader, Sources sources, @Qualifier("applicationTaskExecutor") TaskExecutor background,
               JsonMapper json) {
        this.catalog = catalog;
        this.policy = policy;
        this.runs = runs;
        this.loader = loader;
        this.sources = sources;
        this.background = background;
        this.json = json;
    }

    /**
     * What the person chose instead of what is detected or set up: encoding and delimiter (null: detect), load mode
     * (null: the upload source's, else REPLACE).
     */
    public record Options(String encoding, Character delimiter, LoadMode mode) {
        public Options(String encoding, Character delimiter) {
            this(encoding, delimiter, null);
        }

        /** As a form or request parameter gives them: the delimiter as its character, {@code tab} or {@code \t}. */
        public static Options of(String encoding, String delimiter, LoadMode mode) {
            Character d = delimiter == null || delimiter.isEmpty() ? null
                    : delimiter.equals("\\t") || delimiter.equals("tab") ? '\t' : delimiter.charAt(0);
            return new Options(encoding, d, mode);
        }

        /** The chosen encoding, null to detect it, or INGEST_UNKNOWN_ENCODING. */
        Result<Charset> forcedCharset() {
            if (encoding == null || encoding.isBlank()) return Result.ok(null);
            try {
                return Result.ok(Charset.forName(encoding));
            } catch (IllegalArgumentException e) {
                return Result.failure(Problem.of(Problem.Kind.INVALID, "INGEST_UNKNOWN_ENCODING", encoding));
            }
        }
    }

    /** A run that passed the checks and is recorded as RUNNING; {@link #execute} then reads its input. */
    public record Started(long runId, Resource resource, String source, Charset forcedEncoding, LoadMode mode,
                          Map<String, String> mapping) {}

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
        if (resource.isEmpty() || !resource.get().succeeded() || !policy.canSeeLoadsOf(actor, resource.get().value().providerId()))
            return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        return Result.ok(run.get());
    }

    /** The resource's runs, newest first, for the same people. */
    public Result<List<IngestRun>> runs(Actor actor, String resourceCode) {
        var resource = catalog.get(actor, resourceCode);
        if (!resource.succeeded()) return Result.failure(resource.problem());
        if (!policy.canSeeLoadsOf(actor, resource.value().providerId())) return AccessPolicy.denied("runs of " + resourceCode);
        return Result.ok(runs.forResource(resource.value().id()));
    }

    /** Asks a running load (upload or sync) to stop; it ends FAILED with INGEST_CANCELLED and loads nothing. */
    public Result<Void> cancel(Actor actor, long runId) {
        var run = runs.find(runId);
        if (run.isEmpty()) return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        var resource = catalog.get(actor, run.get().resourceId());
        if (!resource.succeeded() || !policy.canEditResourcesOf(actor, resource.value().providerId()))
            return Result.failure(Problem.notFound("INGEST_RUN_NOT_FOUND", runId));
        if (!loader.cancel(runId)) return Result.failure(Problem.conflict("INGEST_NOT_RUNNING", runId));
        return Result.ok(null);
    }

    private Result<Started> start(Actor actor, String resourceCode, String sourceName, Long size, Options options) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        var resource = found.value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("data of " + resourceCode);
        var forced = options.forcedCharset();
        if (!forced.succeeded()) return Result.failure(forced.problem());
        var setUp = sources.fileSource(resource);
        LoadMode mode = options.mode() != null ? options.mode() : setUp.map(Source::mode).orElse(LoadMode.REPLACE);
        var mapping = setUp.map(Source::mapping).orElse(Map.of());
        long runId = runs.start(resource.id(), setUp.map(Source::id).orElse(null), sourceName, actor.signature(), size, mode.name());
        return Result.ok(new Started(runId, resource, sourceName, forced.value(), mode, mapping));
    }

    public Result<IngestRun> execute(Started started, InputStream in, Options options) {
        long runId = started.runId();
        var resource = started.resource();
        Charset forced = started.forcedEncoding();
        var counting = new CountingStream(new BufferedInputStream(in, SNIFF_BYTES));
        var job = new Loader.Job(runId, resource, started.mode(), started.mapping(), false);
        try {
            counting.mark(SNIFF_BYTES);
            byte[] sample = counting.readNBytes(SNIFF_BYTES);
            counting.reset();
            if (sample.length == 0) return loader.failBeforeStart(runId, "INGEST_EMPTY_FILE", started.source());
            var sniffed = TextSniffer.sniff(sample);
            Charset charset = forced != null ? forced : sniffed.charset();
            char delimiter = options.delimiter() != null ? options.delimiter() : sniffed.delimiter();
            if (sniffed.bomLength() > 0 && forced == null) counting.skipNBytes(sniffed.bomLength());
            String encodingLabel = forced != null ? charset.name() : sniffed.charsetLabel();
            var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            var text = new InputStreamReader(counting, decoder);
            if (XlsxRows.isXls(sample)) return loader.failBeforeStart(runId, "INGEST_XLS_UNSUPPORTED", started.source());
            if (XlsxRows.isXlsx(sample, started.source())) { // the first sheet of a workbook, read from a temporary copy
                runs.detected(runId, "XLSX", null);
                var opened = XlsxRows.open(counting, started.source());
                if (!opened.succeeded())
                    return loader.failBeforeStart(runId, opened.problem().code(), opened.problem().args().stream().map(String::valueOf).toArray(String[]::new));
                var sheet = opened.value();
                return loader.load(job, new RowSource() {
                    public List<String> columns() {
                        return sheet.header();
                    }

                    public Iterator<SourceRow> rows() {
                        return sheet;
                    }

                    public long bytesRead() {
                        return counting.count;
                    }

                    public void close() {
                        sheet.close(); // removes the temporary copy
                    }
                });
            }
            if (isJson(sample, sniffed.bomLength())) {
                runs.detected(runId, encodingLabel, "JSON");
                var rows = new JsonRows(json, text, resource.metadata().fields(), started.mapping());
                return loader.load(job, source(null, rows, counting));
            }
            runs.detected(runId, encodingLabel, delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
            var parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).setTrim(true).get()
                    .parse(text);
            var records = parser.iterator();
            Iterator<SourceRow> rows = new Iterator<>() {
                public boolean hasNext() {
                    return records.hasNext();
                }

                public SourceRow next() {
                    var record = records.next();
                    return new SourceRow(record.getRecordNumber() + 1, record.toList()); // the header is line 1
                }
            };
            return loader.load(job, source(parser.getHeaderNames(), rows, counting));
        } catch (RuntimeException | IOException e) {
            for (Throwable t = e; t != null; t = t.getCause())
                if (t instanceof CharacterCodingException) return loader.failBeforeStart(runId, "INGEST_ENCODING", "1");
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return loader.failBeforeStart(runId, e instanceof UncheckedIOException ? "INGEST_MALFORMED_CSV" : "INGEST_FAILED",
                    e instanceof UncheckedIOException ? new String[]{"1", message} : new String[]{message});
        }
    }

    private static RowSource source(List<String> columns, Iterator<SourceRow> rows, CountingStream counting) {
        return new RowSource() {
            public List<String> columns() {
                return columns;
            }

            public Iterator<SourceRow> rows() {
                return rows;
            }

            public long bytesRead() {
                return counting.count;
            }
        };
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
