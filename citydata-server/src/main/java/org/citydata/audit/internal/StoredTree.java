package org.citydata.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.citydata.kernel.audit.MerkleFrontier;
import org.citydata.kernel.audit.MerkleTree;
import org.citydata.kernel.audit.SubtreeSource;

/**
 * The Merkle tree as the database keeps it: leaf hashes in {@code audit_record}, complete subtrees in
 * {@code audit_node}. A proof is computed twice: once over placeholder hashes to learn which subtrees it reads (its
 * shape depends on indices only), then over those subtrees, fetched in two queries. A proof thus costs two round
 * trips and O(log² n) hashes, however long the log.
 */
public final class StoredTree {

    private StoredTree() {}

    /** A stored subtree: node {@code index} of {@code level} (level 0: the leaf). */
    record Key(int level, long index) {}

    /** Runs {@code use} on the tree of the first {@code size} records; it must ask the same whatever the hashes are. */
    public static <T> T compute(Connection connection, long size, Function<MerkleTree, T> use) throws SQLException {
        var planned = new Planned(size);
        use.apply(new MerkleTree(planned));
        var fetched = fetch(connection, planned.keys);
        return use.apply(new MerkleTree(new Fetched(size, fetched)));
    }

    /** The frontier of the first {@code size} records: one complete subtree per set bit of the size, largest first. */
    public static MerkleFrontier frontier(Connection connection, long size) throws SQLException {
        var keys = new ArrayList<Key>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                keys.add(new Key(level, start >> level));
                start += 1L << level;
            }
        }
        var fetched = fetch(connection, new LinkedHashSet<>(keys));
        var hashes = new ArrayList<byte[]>();
        for (var key : keys) hashes.add(required(fetched, key));
        return MerkleFrontier.restore(size, hashes);
    }

    private static Map<Key, byte[]> fetch(Connection connection, Set<Key> keys) throws SQLException {
        var found = new HashMap<Key, byte[]>();
        var leaves = keys.stream().filter(k -> k.level() == 0).map(Key::index).toArray(Long[]::new);
        var nodes = keys.stream().filter(k -> k.level() > 0).toList();
        if (leaves.length > 0) {
            try (var s = connection.prepareStatement("select seq, leaf_hash from audit_record where seq = any(?)")) {
                s.setArray(1, connection.createArrayOf("bigint", leaves));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) found.put(new Key(0, rs.getLong(1)), rs.getBytes(2));
                }
            }
        }
        if (!nodes.isEmpty()) {
            try (var s = connection.prepareStatement(
                    "select n.level, n.idx, n.hash from audit_node n join unnest(?::smallint[], ?::bigint[]) as k(level, idx) on n.level = k.level and n.idx = k.idx")) {
                s.setArray(1, connection.createArrayOf("smallint", nodes.stream().map(k -> (short) k.level()).toArray(Short[]::new)));
                s.setArray(2, connection.createArrayOf("bigint", nodes.stream().map(Key::index).toArray(Long[]::new)));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) found.put(new Key(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        return found;
    }

    private static byte[] required(Map<Key, byte[]> fetched, Key key) {
        var hash = fetched.get(key);
        if (hash == null) {
            throw new IllegalStateException(key.level() == 0 ? "the access log has no record " + key.index()
                    : "the access log's node " + key.index() + " of level " + key.level() + " is missing");
        }
        return hash;
    }

    /** Records what is asked, answers placeholders. */
    private static final class Planned implements SubtreeSource {
        private static final byte[] PLACEHOLDER = new byte[32];
        final Set<Key> keys = new LinkedHashSet<>();
        private final long size;

        Planned(long size) {
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] leafHash(long index) {
            keys.add(new Key(0, index));
            return PLACEHOLDER;
        }

        @Override
        public byte[] subtreeHash(int level, long index) {
            keys.add(new Key(level, index));
            return PLACEHOLDER;
        }
    }

    private record Fetched(long size, Map<Key, byte[]> hashes) implements SubtreeSource {
        @Override
        public byte[] leafHash(long index) {
            return required(hashes, new Key(0, index));
        }

        @Override
        public byte[] subtreeHash(int level, long index) {
            return required(hashes, new Key(level, index));
        }
    }
}
