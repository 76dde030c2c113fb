package org.citydata.kernel.audit;

/**
 * A {@link LeafSource} that also keeps the roots of its complete subtrees, as a log caching its interior nodes does.
 * {@link MerkleTree} then reads a whole aligned subtree as one hash instead of re-hashing its leaves, so a proof costs
 * O(log² n) lookups rather than O(n) hashes.
 */
public interface SubtreeSource extends LeafSource {

    /**
     * MTH of the complete subtree of leaves {@code [index·2^level, (index+1)·2^level)}, which lies wholly inside the
     * log; level 0 is the leaf hash itself.
     */
    byte[] subtreeHash(int level, long index);
}
