package org.citydata.kernel.audit;

import java.util.ArrayList;
import java.util.List;

/** An append-only list of leaf hashes held in memory: for tests and for verifying a log that was read in full. */
public final class InMemoryLeaves implements LeafSource {

    private final List<byte[]> hashes = new ArrayList<>();

    public static InMemoryLeaves ofHashes(List<byte[]> leafHashes) {
        InMemoryLeaves leaves = new InMemoryLeaves();
        leafHashes.forEach(leaves::appendHash);
        return leaves;
    }

    public static InMemoryLeaves ofRecords(List<byte[]> records) {
        InMemoryLeaves leaves = new InMemoryLeaves();
        records.forEach(leaves::append);
        return leaves;
    }

    /** Appends a record, hashing it as a leaf; answers its index. */
    public long append(byte[] record) {
        return appendHash(MerkleHash.leaf(record));
    }

    public long appendHash(byte[] leafHash) {
        hashes.add(MerkleHash.checked(leafHash).clone());
        return hashes.size() - 1L;
    }

    @Override
    public long size() {
        return hashes.size();
    }

    @Override
    public byte[] leafHash(long index) {
        return hashes.get(Math.toIntExact(index)).clone();
    }
}
