package org.citydata.audit.internal;

import java.time.OffsetDateTime;
import java.util.AbstractList;
import java.util.List;
import org.citydata.kernel.audit.TreeHead;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first {@code count} signed heads in order of size (the order they were signed), read a chunk at a time as
 * {@code LogVerifier} walks them, so years of heads need not be in memory at once.
 */
final class StoredHeads extends AbstractList<TreeHead> {

    private static final int CHUNK = 1_000;
    private static final String SELECT = "select size, root_hash, signed_at, signature from audit_tree_head";

    private final JdbcClient db;
    private final int count;
    private int start = -1;
    private List<TreeHead> chunk = List.of();

    StoredHeads(JdbcClient db, int count) {
        this.db = db;
        this.count = count;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public TreeHead get(int index) {
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException(index);
        if (start < 0 || index < start || index >= start + chunk.size()) {
            // walking forward: continue after the last size read, without an offset scan
            chunk = start >= 0 && index == start + chunk.size() && !chunk.isEmpty()
                    ? db.sql(SELECT + " where size > ? order by size limit ?").params(chunk.get(chunk.size() - 1).size(), CHUNK).query(StoredHeads::map).list()
                    : db.sql(SELECT + " order by size offset ? limit ?").params(index, CHUNK).query(StoredHeads::map).list();
            start = index;
            if (chunk.isEmpty()) throw new IllegalStateException("signed head " + index + " is gone");
        }
        return chunk.get(index - start);
    }

    private static TreeHead map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new TreeHead(rs.getLong("size"), rs.getBytes("root_hash"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getBytes("signature"));
    }
}
