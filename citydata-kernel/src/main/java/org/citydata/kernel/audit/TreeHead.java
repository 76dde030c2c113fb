package org.citydata.kernel.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed statement that the log had {@code size} records with Merkle root {@code rootHash} at {@code timestamp}.
 * The timestamp is kept to the millisecond, the precision that is signed.
 */
public record TreeHead(long size, byte[] rootHash, Instant timestamp, byte[] signature) {

    /** Domain separation: these bytes can never be mistaken for anything else the key might sign. */
    static final byte[] DOMAIN = "citydata-tree-head-v1".getBytes(StandardCharsets.US_ASCII);

    public TreeHead {
        if (size < 0) throw new IllegalArgumentException("a tree size is never negative");
        rootHash = MerkleHash.checked(rootHash).clone();
        timestamp = Instant.ofEpochMilli(timestamp.toEpochMilli());
        signature = signature.clone();
    }

    /**
     * The bytes that are signed: ASCII "citydata-tree-head-v1" (21 bytes) || size (8 bytes, big-endian) || timestamp
     * as Unix epoch milliseconds (8 bytes, big-endian, signed) || root hash (32 bytes). Fixed-length fields, so the
     * encoding is unambiguous; anyone holding the public key can rebuild it and check a head.
     */
    public static byte[] signedBytes(long size, byte[] rootHash, Instant timestamp) {
        return ByteBuffer.allocate(DOMAIN.length + 8 + 8 + MerkleHash.LENGTH)
                .put(DOMAIN)
                .putLong(size)
                .putLong(timestamp.toEpochMilli())
                .put(MerkleHash.checked(rootHash))
                .array();
    }

    public byte[] signedBytes() {
        return signedBytes(size, rootHash, timestamp);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    // Arrays compare by content, not identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHead h && size == h.size && Arrays.equals(rootHash, h.rootHash)
                && timestamp.equals(h.timestamp) && Arrays.equals(signature, h.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(rootHash), timestamp, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "TreeHead[size=" + size + ", root=" + MerkleHash.hex(rootHash) + ", timestamp=" + timestamp + "]";
    }
}
