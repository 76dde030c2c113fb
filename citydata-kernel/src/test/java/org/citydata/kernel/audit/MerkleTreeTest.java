package org.citydata.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** The eight leaves of the Certificate Transparency reference implementation's test tree. */
    static final List<byte[]> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f").stream().map(HexFormat.of()::parseHex).toList();

    static InMemoryLeaves numbered(int n) {
        InMemoryLeaves leaves = new InMemoryLeaves();
        for (int i = 0; i < n; i++) leaves.append(("record " + i).getBytes());
        return leaves;
    }

    static String hex(byte[] b) {
        return MerkleHash.hex(b);
    }

    @Test
    void emptyTreeIsSha256OfNothing() {
        assertThat(hex(new MerkleTree(new InMemoryLeaves()).root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(new MerkleFrontier().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsOfTheReferenceTree() {
        MerkleTree tree = new MerkleTree(InMemoryLeaves.ofRecords(CT_LEAVES));
        List<String> expected = List.of(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        for (int size = 1; size <= 8; size++) {
            assertThat(hex(tree.root(size))).as("root of %d leaves", size).isEqualTo(expected.get(size - 1));
        }
    }

    @Test
    void proofsOfTheReferenceTree() {
        MerkleTree tree = new MerkleTree(InMemoryLeaves.ofRecords(CT_LEAVES));
        assertThat(tree.inclusionProof(0, 8)).map(MerkleTreeTest::hex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(tree.consistencyProof(1, 8)).map(MerkleTreeTest::hex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(tree.consistencyProof(6, 8)).map(MerkleTreeTest::hex).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(tree.consistencyProof(2, 5)).map(MerkleTreeTest::hex).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void frontierAgreesWithTheRecursiveDefinitionAtEverySize() {
        InMemoryLeaves leaves = numbered(64);
        MerkleTree tree = new MerkleTree(leaves);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 1; size <= 64; size++) {
            assertThat(frontier.append(leaves.leafHash(size - 1))).isEqualTo(size - 1);
            assertThat(frontier.root()).as("size %d", size).isEqualTo(tree.root(size));
            assertThat(frontier.hashes()).hasSize(Long.bitCount(size));
        }
    }

    @Test
    void frontierSurvivesPersistence() {
        InMemoryLeaves leaves = numbered(23);
        MerkleFrontier frontier = MerkleFrontier.of(leaves, 13);
        MerkleFrontier restored = MerkleFrontier.restore(frontier.size(), frontier.hashes());
        for (long i = 13; i < 23; i++) restored.append(leaves.leafHash(i));
        assertThat(restored.root()).isEqualTo(new MerkleTree(leaves).root(23));
        assertThatThrownBy(() -> MerkleFrontier.restore(13, frontier.hashes().subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyInclusionProofVerifiesAndOnlyForItsOwnLeafAndRoot() {
        InMemoryLeaves leaves = numbered(64);
        MerkleTree tree = new MerkleTree(leaves);
        for (int size = 1; size <= 64; size++) {
            byte[] root = tree.root(size);
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = tree.inclusionProof(i, size);
                byte[] leaf = leaves.leafHash(i);
                assertThat(MerkleTree.verifyInclusion(leaf, i, size, proof, root)).as("leaf %d of %d", i, size).isTrue();
                assertThat(MerkleTree.verifyInclusion(leaves.leafHash((i + 1) % 64), i, size, proof, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(leaf, i, size, proof, tree.root(size == 64 ? 63 : size + 1)))
                        .isFalse();
                if (size > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaf, (i + 1) % size, size, proof, root)).isFalse();
                    assertThat(MerkleTree.verifyInclusion(leaf, i, size, proof.subList(0, proof.size() - 1), root))
                            .isFalse();
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(leaf);
                assertThat(MerkleTree.verifyInclusion(leaf, i, size, longer, root)).isFalse();
            }
        }
        assertThat(MerkleTree.verifyInclusion(leaves.leafHash(0), 0, 1, List.of(), leaves.leafHash(0))).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaves.leafHash(0), 1, 1, List.of(), leaves.leafHash(0))).isFalse();
    }

    @Test
    void everyConsistencyProofVerifiesAndFailsForWrongRoots() {
        InMemoryLeaves leaves = numbered(40);
        MerkleTree tree = new MerkleTree(leaves);
        byte[] unrelated = MerkleHash.leaf("not a root".getBytes());
        for (int n = 1; n <= 40; n++) {
            byte[] rootN = tree.root(n);
            for (int m = 1; m <= n; m++) {
                byte[] rootM = tree.root(m);
                List<byte[]> proof = tree.consistencyProof(m, n);
                String at = m + " -> " + n;
                assertThat(MerkleTree.verifyConsistency(m, n, rootM, rootN, proof)).as(at).isTrue();
                assertThat(MerkleTree.verifyConsistency(m, n, unrelated, rootN, proof)).as(at).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, rootM, unrelated, proof)).as(at).isFalse();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(m, n, rootN, rootM, proof)).as(at).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, rootM, rootN, proof.subList(0, proof.size() - 1)))
                            .as(at).isFalse();
                    if (m > 1) {
                        assertThat(MerkleTree.verifyConsistency(m - 1, n, rootM, rootN, proof)).as(at).isFalse();
                    }
                }
            }
        }
        assertThat(MerkleTree.verifyConsistency(0, 5, MerkleHash.empty(), tree.root(5), List.of())).isTrue();
        assertThat(MerkleTree.verifyConsistency(6, 5, tree.root(6), tree.root(5), List.of())).isFalse();
    }

    @Test
    void consistencyProofsDetectARewrittenHistory() {
        InMemoryLeaves original = numbered(20);
        List<byte[]> rewritten = new ArrayList<>();
        for (int i = 0; i < 20; i++) rewritten.add(original.leafHash(i));
        rewritten.set(3, MerkleHash.leaf("forged".getBytes()));
        MerkleTree forged = new MerkleTree(InMemoryLeaves.ofHashes(rewritten));
        byte[] honestOldRoot = new MerkleTree(original).root(10);
        assertThat(MerkleTree.verifyConsistency(10, 20, honestOldRoot, forged.root(20), forged.consistencyProof(10, 20)))
                .isFalse();
    }

    @Test
    void refusesSizesBeyondTheLog() {
        MerkleTree tree = new MerkleTree(numbered(5));
        assertThatThrownBy(() -> tree.root(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
