package org.citydata.kernel.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 Merkle Tree over a {@link LeafSource}: tree hashes, audit paths and consistency proofs for any prefix
 * of the log, plus the RFC 9162 verifiers a client runs against them. Over a {@link SubtreeSource} it reads complete
 * subtrees from the cache. Proof generation follows the recursive
 * definitions literally; the verifiers are the iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so the two
 * sides are written independently and check each other in the tests.
 */
public final class MerkleTree {

    private final LeafSource leaves;

    public MerkleTree(LeafSource leaves) {
        this.leaves = leaves;
    }

    /** MTH(D[0:size]): the root of the tree of the first {@code size} leaves. */
    public byte[] root(long size) {
        requireSize(size);
        return size == 0 ? MerkleHash.empty() : hash(0, size);
    }

    /** PATH(index, D[0:size]) of RFC 6962 §2.1.1, leaf-side first. */
    public List<byte[]> inclusionProof(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** PROOF(m, D[0:n]) of RFC 6962 §2.1.2; empty when m is 0 or equals n (nothing to prove). */
    public List<byte[]> consistencyProof(long m, long n) {
        requireSize(n);
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, proof);
        }
        return proof;
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} shows {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) return false;
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                // Skip the levels where this node is the last and has no right sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 §2.1.4.2: whether {@code proof} shows the tree of size {@code n} with {@code rootN} extends the tree of
     * size {@code m} with {@code rootM}. Equal sizes need an empty proof and equal roots; size 0 is the empty tree,
     * which every tree extends.
     */
    public static boolean verifyConsistency(long m, long n, byte[] rootM, byte[] rootN, List<byte[]> proof) {
        if (m < 0 || m > n) return false;
        if (m == n) return proof.isEmpty() && MessageDigest.isEqual(rootM, rootN);
        if (m == 0) return proof.isEmpty() && MessageDigest.isEqual(rootM, MerkleHash.empty());
        if (proof.isEmpty()) return false;
        List<byte[]> path = new ArrayList<>(proof);
        // A complete old tree is itself a node of the new one and is left out of the proof.
        if (Long.bitCount(m) == 1) path.add(0, rootM);
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, rootM) && MessageDigest.isEqual(sr, rootN);
    }

    /** MTH(D[start:end]) for a non-empty range; a complete aligned subtree comes from the cache when there is one. */
    private byte[] hash(long start, long end) {
        long n = end - start;
        if (n == 1) return MerkleHash.checked(leaves.leafHash(start));
        if (leaves instanceof SubtreeSource cached && Long.bitCount(n) == 1 && start % n == 0) {
            return MerkleHash.checked(cached.subtreeHash(Long.numberOfTrailingZeros(n), start / n));
        }
        long k = split(n);
        return MerkleHash.node(hash(start, start + k), hash(start + k, end));
    }

    private void path(long index, long start, long end, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) return;
        long k = split(n);
        if (index < k) {
            path(index, start, start + k, proof);
            proof.add(hash(start + k, end));
        } else {
            path(index - k, start + k, end, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** SUBPROOF(m, D[start:end], complete): {@code complete} says the old tree's root is known to the verifier. */
    private void subproof(long m, long start, long end, boolean complete, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!complete) proof.add(hash(start, end));
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, proof);
            proof.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** The largest power of two smaller than n (n ≥ 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void requireSize(long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("the log has " + leaves.size() + " leaves, not " + size);
        }
    }
}
