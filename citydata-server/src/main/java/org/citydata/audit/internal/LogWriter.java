package org.citydata.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.LoggedRecord;
import org.citydata.kernel.audit.MerkleFrontier;
import org.citydata.kernel.audit.MerkleHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The access log's one writer, with group commit. Callers queue a record and wait; this thread takes everything
 * queued, gives the records their sequence numbers in queue order, and stores them, their subject hashes and the
 * Merkle nodes they complete in one transaction, one statement: one commit (one fsync) for many records, so the
 * log keeps up with many readers on a small machine. A caller hears its sequence number only after the commit.
 *
 * <p>The frontier (the roots of the log's complete subtrees along its right edge) lives here, in memory, and is read
 * back from {@code audit_node} at start. Each batch takes a transaction-level advisory lock and checks the stored
 * size, so platform nodes sharing a database take turns and pick up each other's records.
 */
@Component
public class LogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);

    /** The advisory lock of the log: held by whoever appends records or signs a head, for one transaction. */
    public static final long LOCK = 0x6369_7479_6175_6469L;

    private static final int MAX_BATCH = 1_000;

    /** What the log has committed: its size and Merkle root. */
    public record Committed(long size, byte[] root) {}

    private record Pending(AccessRecord record, List<String> subjectHashes, Instant queuedAt, CompletableFuture<Long> done) {}

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Committed committed;

    // owned by the writer thread
    private Connection connection;
    private MerkleFrontier frontier;
    private Instant lastAt = Instant.EPOCH;
    private long reportedShortfall = -1;

    // what each batch costs: the floor of an audited read's latency (Prometheus: citydata_audit_batch_*)
    private final io.micrometer.core.instrument.DistributionSummary batchSize;
    private final io.micrometer.core.instrument.Timer batchTime;

    LogWriter(DataSource dataSource, @Value("${citydata.audit.queue-capacity:100000}") int capacity,
              io.micrometer.core.instrument.MeterRegistry meters) {
        this.dataSource = dataSource;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = io.micrometer.core.instrument.DistributionSummary.builder("citydata.audit.batch.records")
                .description("access records stored per commit").register(meters);
        this.batchTime = io.micrometer.core.instrument.Timer.builder("citydata.audit.batch.time")
                .description("time to store and commit one batch of access records").register(meters);
    }

    /**
     * Queues a record (its subjects already hashed, sorted, each once); the future completes with its sequence number
     * once stored, or exceptionally when it cannot be. A full queue (the database has stalled) refuses at once.
     */
    public CompletableFuture<Long> submit(AccessRecord record, List<String> subjectHashes) {
        var pending = new Pending(record, subjectHashes, Instant.now(), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.done().completeExceptionally(new IllegalStateException(running ? "the access log's queue is full" : "the access log is not running"));
        }
        return pending.done();
    }

    /** The size and root of the log as last committed by this writer (null until it has read the log). */
    public Committed committed() {
        return committed;
    }

    // ------------------------------------------------------------------ the writer thread

    private void run() {
        write(List.of()); // an empty batch: reads the stored state, so heads can be signed before the first record
        var batch = new ArrayList<Pending>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // only stop() ends this thread, after the queue is drained
            }
            if (first == null) continue;
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            long start = System.nanoTime();
            write(batch);
            batchTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSize.record(batch.size());
            batch.clear();
        }
        for (Pending p; (p = queue.poll()) != null; ) p.done().completeExceptionally(new IllegalStateException("the access log stopped"));
        discardConnection();
    }

    private void write(List<Pending> batch) {
        try {
            long first = commit(batch);
            for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(first + i);
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            // a value the database refuses fails the one record that holds it, not everyone queued with it
            if (batch.size() > 1 && e instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                log.warn("a batch of {} access records was refused ({}); storing them one by one", batch.size(), e.getMessage());
                for (var p : batch) write(List.of(p));
                return;
            }
            if (batch.isEmpty()) log.error("the access log's stored state could not be read: {}", e.toString());
            else log.error("{} access record(s) could not be stored: {}", batch.size(), e.toString());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /**
     * The batch's records, subjects and completed nodes in one statement, one array per column: with the lock and the
     * tail read before it and the commit after, a batch costs PostgreSQL three round trips, whatever its size.
     */
    private static final String APPEND = """
            with records as (
                insert into audit_record (seq, at, actor, department_id, application_id, end_user, channel, action,
                    resource_code, provider_id, version, fields, criteria, row_count, purpose, grant_id, request_id,
                    outcome, problem_code, leaf_hash)
                select seq, at::timestamptz, actor, department_id, application_id, end_user, channel, action,
                    resource_code, provider_id, version, fields::text[], criteria, row_count, purpose, grant_id,
                    request_id, outcome, problem_code, leaf_hash
                from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::bigint[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[],
                            ?::text[], ?::text[], ?::text[], ?::bytea[])
                    as r(seq, at, actor, department_id, application_id, end_user, channel, action, resource_code,
                         provider_id, version, fields, criteria, row_count, purpose, grant_id, request_id, outcome,
                         problem_code, leaf_hash)),
            subjects as (
                insert into audit_subject (seq, subject_hash) select * from unnest(?::bigint[], ?::bytea[]))
            insert into audit_node (level, idx, hash) select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])""";

    /** Stores the batch in one transaction; answers the first record's sequence number. */
    private long commit(List<Pending> batch) throws SQLException {
        var c = connection();
        try {
            sync(c);
            var next = frontier.copy();
            long first = next.size();
            Instant at = lastAt;
            var records = new ArrayList<LoggedRecord>(batch.size());
            var leaves = new ArrayList<byte[]>(batch.size());
            var subjectSeqs = new ArrayList<Long>();
            var subjectHashes = new ArrayList<byte[]>();
            var nodeLevels = new ArrayList<Short>();
            var nodeIndexes = new ArrayList<Long>();
            var nodeHashes = new ArrayList<byte[]>();
            for (var p : batch) {
                long seq = next.size();
                // the log's clock never runs backwards along the sequence
                var queuedAt = p.queuedAt().truncatedTo(ChronoUnit.MICROS);
                at = queuedAt.isBefore(at) ? at : queuedAt;
                var r = Leaf.storable(LoggedRecord.of(seq, at, p.record(), p.subjectHashes()));
                byte[] leaf = Leaf.hash(r);
                records.add(r);
                leaves.add(leaf);
                for (var h : r.subjectHashes()) {
                    subjectSeqs.add(seq);
                    subjectHashes.add(MerkleHash.fromHex(h));
                }
                var completed = next.appendCompleting(leaf);
                for (int level = 1; level <= completed.size(); level++) {
                    nodeLevels.add((short) level);
                    nodeIndexes.add(seq >> level);
                    nodeHashes.add(completed.get(level - 1));
                }
            }
            if (!batch.isEmpty()) {
                try (var s = c.prepareStatement(APPEND)) {
                    int i = bind(s, c, records, leaves);
                    s.setArray(i++, c.createArrayOf("int8", subjectSeqs.toArray()));
                    s.setArray(i++, c.createArrayOf("bytea", subjectHashes.toArray(byte[][]::new)));
                    s.setArray(i++, c.createArrayOf("int2", nodeLevels.toArray()));
                    s.setArray(i++, c.createArrayOf("int8", nodeIndexes.toArray()));
                    s.setArray(i, c.createArrayOf("bytea", nodeHashes.toArray(byte[][]::new)));
                    s.executeUpdate();
                }
            }
            c.commit();
            frontier = next;
            lastAt = at;
            committed = new Committed(next.size(), next.root());
            return first;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is discarded anyway
            }
            throw e;
        }
    }

    /**
     * Takes the log's lock, then reads the stored state when there is none yet, or when the log grew under another
     * platform node. A log that is shorter than this writer knows it lost records at its end: that is reported and the
     * numbering goes on where it was, so no sequence number is ever given twice (the gap is what verification then shows).
     */
    private void sync(Connection c) throws SQLException {
        long stored;
        // one round trip: audit_lock_tail reads the tail after taking the lock, so it sees what the last holder committed
        try (var s = c.prepareStatement("select next_seq, last_at from audit_lock_tail(?)")) {
            s.setLong(1, LOCK);
            try (var rs = s.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
                var lastStored = rs.getObject(2, OffsetDateTime.class);
                if (lastStored != null && lastStored.toInstant().isAfter(lastAt)) lastAt = lastStored.toInstant();
            }
        }
        if (frontier == null || stored > frontier.size()) {
            frontier = StoredTree.frontier(c, stored);
            committed = new Committed(frontier.size(), frontier.root());
        } else if (stored < frontier.size() && reportedShortfall != stored) {
            reportedShortfall = stored;
            log.error("the access log holds records up to {} but {} were written: records at its end were removed; "
                    + "numbering continues at {}", stored, frontier.size(), frontier.size());
        }
    }

    /** The records' columns as arrays, in the order of {@link #APPEND}; answers the next parameter's index. */
    private static int bind(java.sql.PreparedStatement s, Connection c, List<LoggedRecord> records, List<byte[]> leaves) throws SQLException {
        int n = records.size();
        Object[][] columns = new Object[19][n];
        for (int k = 0; k < n; k++) {
            var r = records.get(k);
            Object[] row = {r.seq(), r.at().toString(), r.actor(), r.departmentId(), r.applicationId(), r.endUser(),
                    r.channel().name(), r.action().name(), r.resourceCode(), r.providerId(), r.version(),
                    // the field list travels as its array literal, since unnest cannot take an array of arrays
                    c.createArrayOf("text", r.fields().toArray()).toString(), r.criteria(), r.rows(), r.purpose(),
                    r.grantId(), r.requestId(), r.outcome().name(), r.problemCode()};
            for (int col = 0; col < row.length; col++) columns[col][k] = row[col];
        }
        String[] types = {"int8", "text", "text", "int8", "int8", "text", "text", "text", "text", "int8", "int4", "text", "text",
                "int8", "text", "int8", "text", "text", "text"};
        int i = 1;
        for (int col = 0; col < columns.length; col++) s.setArray(i++, c.createArrayOf(types[col], columns[col]));
        s.setArray(i++, c.createArrayOf("bytea", leaves.toArray(byte[][]::new)));
        return i;
    }

    /** Kept across batches: this thread is its only user, and a pooled one could be unavailable when needed most. */
    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void discardConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        running = true;
        var t = new Thread(this::run, "audit-log-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Takes no more records, stores those queued, then ends. */
    @Override
    public void stop() {
        running = false;
        var t = thread;
        if (t == null) return;
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts taking requests, after it stopped: no request finds the log closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1_000;
    }
}
