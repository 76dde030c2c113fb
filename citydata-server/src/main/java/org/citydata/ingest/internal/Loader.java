package org.citydata.ingest.internal;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.LoadMode;
import org.citydata.datastore.VersionLoad;
import org.citydata.ingest.IngestRun;
import org.citydata.ingest.QuarantinedValue;
import org.citydata.ingest.SourceRow;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.quality.ValueCheck;
import org.citydata.kernel.quality.ValueKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way rows get into the datastore, whatever their source: match the source's columns to the catalog's fields,
 * check every value, quarantine failing rows with where and why, COPY the rest into a new version, and commit it
 * only when few enough rows failed. Anything that goes wrong leaves the current version as it was.
 */
@Component
public class Loader {

    private static final int QUARANTINE_BATCH = 1000;

    private final Datastore datastore;
    private final RunLog runs;
    private final double maxRejectedShare;
    private final Map<Long, AtomicBoolean> cancellations = new ConcurrentHashMap<>();

    Loader(Datastore datastore, RunLog runs, @Value("${citydata.ingest.max-rejected-share:0.05}") double maxRejectedShare) {
        this.datastore = datastore;
        this.runs = runs;
        this.maxRejectedShare = maxRejectedShare;
    }

    /**
     * One load: the run it is recorded under, the resource, how the rows make the version, and column choices. An
     * incremental load that finds no new rows succeeds without a new version; any other load needs rows.
     */
    public record Job(long runId, Resource resource, LoadMode mode, Map<String, String> mapping, boolean incremental) {
        public Job {
            mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        }
    }

    /** Asks a running load to stop; false when no load of that run is going on here. */
    public boolean cancel(long runId) {
        var flag = cancellations.get(runId);
        if (flag == null) return false;
        flag.set(true);
        return true;
    }

    /** Marks the run failed before any row was read (the source could not be opened). */
    public Result<IngestRun> failBeforeStart(long runId, String code, String... args) {
        runs.finish(runId, "FAILED", 0, 0, 0, 0, null, code, List.of(args));
        return Result.failure(Problem.of(Problem.Kind.INVALID, code, (Object[]) args));
    }

    public Result<IngestRun> load(Job job, RowSource source) {
        var cancelled = new AtomicBoolean();
        cancellations.put(job.runId(), cancelled);
        var fields = job.resource().metadata().fields();
        var run = new Run(job.runId(), fields, source, cancelled, TransactionSynchronizationManager.isSynchronizationActive());
        VersionLoad load = null;
        try (source) {
            int[] index;
            int width;
            var columns = source.columns();
            if (columns == null) { // values come in field order
                width = fields.size();
                index = IntStream.range(0, width).toArray();
            } else {
                runs.columns(job.runId(), columns);
                var matched = match(fields, columns, job.mapping());
                if (matched.isFailure()) return run.fail(matched.code(), matched.args());
                index = matched.index();
                width = columns.size();
            }
            load = datastore.begin(job.resource().id(), fields, job.mode());
            datastore.copyIn(load, run.rows(source.rows(), index, width));
            run.flushQuarantine();
            // a cancel that arrives after the last row but before the commit still wins
            if (cancelled.get()) throw new IllegalStateException("cancelled");
            if (run.read == 0) {
                datastore.abandon(load);
                if (!job.incremental()) return run.fail("INGEST_NO_ROWS", job.resource().code());
                runs.finish(job.runId(), "SUCCEEDED", 0, 0, 0, source.bytesRead(), null, null, null);
                return Result.ok(runs.get(job.runId()));
            }
            if (run.rejected > run.read * maxRejectedShare) {
                datastore.abandon(load);
                return run.fail("INGEST_TOO_MANY_REJECTED", Long.toString(run.rejected), Long.toString(run.read),
                        String.format(Locale.ROOT, "%.1f%%", maxRejectedShare * 100));
            }
            var committed = datastore.commit(load);
            if (!committed.succeeded()) {
                datastore.abandon(load);
                return run.fail(committed.problem().code(), committed.problem().args().stream().map(String::valueOf).toArray(String[]::new));
            }
            boolean changed = committed.value().id() == load.versionId();
            runs.finish(job.runId(), "SUCCEEDED", run.read, run.read - run.rejected, run.rejected, source.bytesRead(),
                    changed ? committed.value().version() : null, null, null);
            return Result.ok(runs.get(job.runId()));
        } catch (RuntimeException e) {
            if (load != null) datastore.abandon(load);
            run.flushQuarantine();
            if (cancelled.get()) return run.fail("INGEST_CANCELLED", String.valueOf(run.read));
            return failure(run, e);
        } finally {
            cancellations.remove(job.runId());
        }
    }

    private Result<IngestRun> failure(Run run, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceException se) return run.fail(se.code(), se.args());
            if (t instanceof XlsxRows.Malformed m) return run.fail("INGEST_MALFORMED_XLSX", m.getMessage());
            if (t instanceof CharacterCodingException) return run.fail("INGEST_ENCODING", String.valueOf(run.read + 1));
            if (t instanceof tools.jackson.core.JacksonException je) {
                var at = je.getLocation();
                return run.fail("INGEST_MALFORMED_JSON", at == null ? "?" : String.valueOf(at.getLineNr()),
                        at == null ? "?" : String.valueOf(at.getColumnNr()), je.getOriginalMessage());
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains("JSON source"))
                return run.fail("INGEST_MALFORMED_JSON", "1", "1", t.getMessage());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UncheckedIOException || message.contains("encapsulated token"))
            return run.fail("INGEST_MALFORMED_CSV", String.valueOf(run.read + 1), message);
        return run.fail("INGEST_FAILED", message);
    }

    /** Each field's column in the source, or why the columns do not fit. */
    public record Match(int[] index, String code, String[] args) {
        public boolean isFailure() {
            return code != null;
        }
    }

    /**
     * Finds each catalog field's column: first as the person mapped it (a column mapped to "" is ignored), then by
     * field name, then by Chinese label. Every field needs a column and every column a use, so nothing is silently lost.
     */
    public static Match match(List<FieldSpec> fields, List<String> columns, Map<String, String> mapping) {
        var names = fields.stream().map(FieldSpec::name).toList();
        var wrong = mapping.values().stream().filter(f -> !f.isBlank() && !names.contains(f)).toList();
        if (!wrong.isEmpty()) return new Match(null, "INGEST_MAPPING_UNKNOWN_FIELD", new String[]{String.join("、", wrong)});
        var byField = new HashMap<String, Integer>();
        var ignored = new HashSet<Integer>();
        for (int i = 0; i < columns.size(); i++) {
            String target = mapping.get(columns.get(i).strip());
            if (target == null) continue;
            if (target.isBlank()) ignored.add(i);
            else byField.putIfAbsent(target, i);
        }
        var positions = new HashMap<String, Integer>();
        for (int i = 0; i < columns.size(); i++) if (!ignored.contains(i)) positions.putIfAbsent(columns.get(i).strip(), i);
        int[] index = new int[fields.size()];
        var missing = new ArrayList<String>();
        var used = new HashSet<Integer>();
        for (int f = 0; f < fields.size(); f++) {
            var spec = fields.get(f);
            Integer at = byField.getOrDefault(spec.name(), positions.getOrDefault(spec.name(), positions.get(spec.label())));
            if (at == null || used.contains(at)) missing.add(spec.name() + "（" + spec.label() + "）");
            else {
                index[f] = at;
                used.add(at);
            }
        }
        var unexpected = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++)
            if (!used.contains(i) && !ignored.contains(i) && !columns.get(i).isBlank()) unexpected.add(columns.get(i));
        if (!missing.isEmpty() || !unexpected.isEmpty())
            return new Match(null, "INGEST_COLUMNS_MISMATCH", new String[]{
                    missing.isEmpty() ? "—" : String.join("、", missing), unexpected.isEmpty() ? "—" : String.join("、", unexpected)});
        return new Match(index, null, null);
    }

    /**
     * The state of one run: counts, pending quarantine, and the field checks.
     *
     * <p>{@code callersConnection}: the load runs inside its caller's transaction (the demo city seeds in one), so the
     * COPY streams on the connection that transaction holds, and so would every run-log statement. PgJDBC makes a
     * statement sent on a connection in the middle of a COPY wait until the COPY ends, and the COPY ends only when
     * this very thread has supplied the rest of the rows: the thread would wait on itself for good. So such a run
     * writes nothing while the rows stream: its progress is not reported (no one else could see it before that
     * transaction commits anyway) and its quarantine waits in memory until the COPY is done. A load without a
     * caller's transaction (the API, the console, syncs) streams on a connection of its own and writes the run log
     * on others as it goes.
     */
    private final class Run {
        final long id;
        final List<FieldSpec> fields;
        final List<QuarantinedValue> pending = new ArrayList<>();
        final RowSource source;
        final AtomicBoolean cancelled;
        final ValueKind[] kinds;
        final boolean callersConnection;
        long read, rejected;
        private long lastReport = System.nanoTime();

        Run(long id, List<FieldSpec> fields, RowSource source, AtomicBoolean cancelled, boolean callersConnection) {
            this.id = id;
            this.fields = fields;
            this.source = source;
            this.cancelled = cancelled;
            this.callersConnection = callersConnection;
            this.kinds = fields.stream().map(f -> ValueKind.valueOf(f.type().name())).toArray(ValueKind[]::new);
        }

        /** Every 1,000 rows: stop if asked to, and tell the run record how far we are (at most twice a second). */
        private void checkpoint() {
            if (read % 1000 != 0) return;
            if (cancelled.get()) throw new IllegalStateException("cancelled");
            long now = System.nanoTime();
            if (!callersConnection && now - lastReport > 500_000_000L) {
                runs.progress(id, read, rejected, source.bytesRead());
                lastReport = now;
            }
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
            List<QuarantinedValue> problems = null;
            var values = new String[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                var spec = fields.get(f);
                String raw = index[f] < record.values().size() ? record.values().get(index[f]) : null;
                var checked = ValueCheck.check(kinds[f], spec.length(), spec.key(), raw);
                if (checked.fits()) values[f] = checked.value();
                else {
                    if (problems == null) problems = new ArrayList<>();
                    problems.add(new QuarantinedValue(line, spec.name(), raw, checked.problem()));
                }
            }
            if (problems != null) {
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
            if (pending.size() >= QUARANTINE_BATCH && !callersConnection) flushQuarantine();
        }

        void flushQuarantine() {
            runs.quarantine(id, List.copyOf(pending));
            pending.clear();
        }

        Result<IngestRun> fail(String code, String... args) {
            runs.finish(id, "FAILED", read, 0, rejected, source.bytesRead(), null, code, List.of(args));
            return Result.failure(Problem.of(Problem.Kind.INVALID, code, (Object[]) args));
        }
    }
}
