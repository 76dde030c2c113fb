package org.citydata.audit.internal;

import java.util.List;
import java.util.function.LongConsumer;
import org.citydata.kernel.audit.LeafSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The log's first {@code size} records read in chunks, in order, each with its stored leaf hash and the leaf hash
 * recomputed from its stored fields, for {@code LogVerifier}'s passes; memory stays at one chunk. Assumes the
 * sequence has no gaps (checked before). A row that cannot even be read as a record (a channel no writer knows)
 * recomputes to a hash no record has.
 */
final class StoredLeaves {

    private static final int CHUNK = 4_096;
    private static final byte[] UNREADABLE = new byte[32];

    private final JdbcClient db;
    private final long size;
    private final LongConsumer progress;
    private long start = -1;
    private byte[][] recomputed;
    private byte[][] stored;

    StoredLeaves(JdbcClient db, long size, LongConsumer progress) {
        this.db = db;
        this.size = size;
        this.progress = progress;
    }

    LeafSource recomputed() {
        return new View(true);
    }

    LeafSource stored() {
        return new View(false);
    }

    private final class View implements LeafSource {
        private final boolean recomputed;

        View(boolean recomputed) {
            this.recomputed = recomputed;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] leafHash(long index) {
            load(index);
            var hashes = recomputed ? StoredLeaves.this.recomputed : stored;
            return hashes[(int) (index - start)];
        }
    }

    private void load(long index) {
        if (start >= 0 && index >= start && index < start + recomputed.length) return;
        long from = index / CHUNK * CHUNK;
        long to = Math.min(from + CHUNK, size);
        var r = new byte[(int) (to - from)][];
        var s = new byte[(int) (to - from)][];
        var subjects = RecordRows.subjects(db, from, to);
        db.sql("select " + RecordRows.COLUMNS + " from audit_record where seq >= ? and seq < ? order by seq").params(from, to)
                .query(rs -> {
                    long seq = rs.getLong("seq");
                    int i = (int) (seq - from);
                    s[i] = rs.getBytes("leaf_hash");
                    try {
                        r[i] = Leaf.hash(RecordRows.map(rs, subjects.getOrDefault(seq, List.of())));
                    } catch (RuntimeException e) {
                        r[i] = UNREADABLE;
                    }
                });
        for (int i = 0; i < r.length; i++) {
            if (r[i] == null) r[i] = UNREADABLE; // removed while we read: the next check finds the gap
            if (s[i] == null) s[i] = UNREADABLE;
        }
        start = from;
        recomputed = r;
        stored = s;
        progress.accept(to - from);
    }
}
