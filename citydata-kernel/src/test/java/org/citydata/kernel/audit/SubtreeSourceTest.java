package org.citydata.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proofs read from cached subtree roots are the proofs of the recursive definition, and read few of them. */
class SubtreeSourceTest {

    /** The nodes a frontier completes, kept as a server keeps them, with a count of how many are read. */
    static final class CachedNodes implements SubtreeSource {
        final InMemoryLeaves leaves = new InMemoryLeaves();
        final Map<String, byte[]> nodes = new HashMap<>();
        final MerkleFrontier frontier = new MerkleFrontier();
        int reads;

        void append(byte[] record) {
            byte[] leaf = MerkleHash.leaf(record);
            long index = leaves.appendHash(leaf);
            List<byte[]> completed = frontier.appendCompleting(leaf);
            for (int level = 1; level <= completed.size(); level++) {
                nodes.put(level + "/" + (index >> level), completed.get(level - 1));
            }
        }

        @Override
        public long size() {
            return leaves.size();
        }

        @Override
        public byte[] leafHash(long index) {
            reads++;
            return leaves.leafHash(index);
        }

        @Override
        public byte[] subtreeHash(int level, long index) {
            reads++;
            return level == 0 ? leaves.leafHash(index) : nodes.get(level + "/" + index);
        }
    }

    @Test
    void theFrontierCompletesEveryAlignedSubtreeOnce() {
        CachedNodes cached = new CachedNodes();
        for (int i = 0; i < 100; i++) cached.append(("record " + i).getBytes());
        // 100 leaves: 50 + 25 + 12 + 6 + 3 + 1 complete subtrees above the leaves
        assertThat(cached.nodes).hasSize(97);
        for (var e : cached.nodes.entrySet()) {
            int level = Integer.parseInt(e.getKey().split("/")[0]);
            long index = Long.parseLong(e.getKey().split("/")[1]);
            long start = index << level;
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(subtreeRoot(cached.leaves, start, 1L << level));
        }
    }

    @Test
    void proofsFromCachedNodesEqualProofsFromLeavesAtEverySize() {
        CachedNodes cached = new CachedNodes();
        for (int i = 0; i < 70; i++) cached.append(("record " + i).getBytes());
        MerkleTree fromNodes = new MerkleTree(cached);
        MerkleTree fromLeaves = new MerkleTree(InMemoryLeaves.ofHashes(hashes(cached.leaves)));
        for (long size = 1; size <= 70; size++) {
            assertThat(fromNodes.root(size)).isEqualTo(fromLeaves.root(size));
            for (long i = 0; i < size; i++) {
                assertThat(fromNodes.inclusionProof(i, size)).as("leaf %d of %d", i, size)
                        .containsExactlyElementsOf(fromLeaves.inclusionProof(i, size));
            }
            for (long m = 0; m <= size; m++) {
                assertThat(fromNodes.consistencyProof(m, size)).containsExactlyElementsOf(fromLeaves.consistencyProof(m, size));
            }
        }
    }

    @Test
    void aProofReadsLogarithmicallyManyNodes() {
        CachedNodes cached = new CachedNodes();
        for (int i = 0; i < 5000; i++) cached.append(("record " + i).getBytes());
        MerkleTree tree = new MerkleTree(cached);
        int worst = 0;
        for (long i = 0; i < 5000; i += 7) {
            cached.reads = 0;
            tree.inclusionProof(i, 4999);
            worst = Math.max(worst, cached.reads);
        }
        // log2(5000) ≈ 13 levels, at most ~13 complete subtrees per incomplete sibling: far below 5000 leaves
        assertThat(worst).isLessThan(13 * 13);
    }

    private static List<byte[]> hashes(InMemoryLeaves leaves) {
        return java.util.stream.LongStream.range(0, leaves.size()).mapToObj(leaves::leafHash).toList();
    }

    /** MTH of the n leaves from start: the root of a tree of just those leaves. */
    private static byte[] subtreeRoot(InMemoryLeaves leaves, long start, long n) {
        InMemoryLeaves part = new InMemoryLeaves();
        for (long i = start; i < start + n; i++) part.appendHash(leaves.leafHash(i));
        return new MerkleTree(part).root(n);
    }
}
