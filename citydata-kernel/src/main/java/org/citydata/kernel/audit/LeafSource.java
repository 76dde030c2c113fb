package org.citydata.kernel.audit;

/**
 * The leaf hashes of a log, wherever they are kept. The server backs this with its database; tests use
 * {@link InMemoryLeaves}. Indices run from 0 to {@code size() - 1} and a leaf, once there, never changes.
 */
public interface LeafSource {

    long size();

    /** The RFC 6962 leaf hash ({@link MerkleHash#leaf}) of the record at {@code index}. */
    byte[] leafHash(long index);
}
