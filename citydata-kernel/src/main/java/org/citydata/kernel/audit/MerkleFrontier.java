package org.citydata.kernel.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a Merkle tree: the roots of its complete subtrees, largest first, one per set bit of the size.
 * That is all that is needed to append a leaf and to compute the new root, each in O(log n), without reading the
 * log; the server persists {@link #size()} and {@link #hashes()} beside the log and {@link #restore}s them.
 */
public final class MerkleFrontier {

    private final List<byte[]> stack;
    private long size;

    public MerkleFrontier() {
        this(0, new ArrayList<>());
    }

    private MerkleFrontier(long size, List<byte[]> stack) {
        this.size = size;
        this.stack = stack;
    }

    /** Rebuilds a frontier from its persisted form; refuses one whose shape cannot belong to {@code size}. */
    public static MerkleFrontier restore(long size, List<byte[]> hashes) {
        if (size < 0 || Long.bitCount(size) != hashes.size()) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(Math.max(size, 0))
                    + " complete subtrees, not " + hashes.size());
        }
        List<byte[]> stack = new ArrayList<>();
        hashes.forEach(h -> stack.add(MerkleHash.checked(h).clone()));
        return new MerkleFrontier(size, stack);
    }

    /** The frontier of the first {@code size} leaves of a log, e.g. to start persisting one for an existing log. */
    public static MerkleFrontier of(LeafSource leaves, long size) {
        MerkleFrontier frontier = new MerkleFrontier();
        for (long i = 0; i < size; i++) {
            frontier.append(leaves.leafHash(i));
        }
        return frontier;
    }

    /** Appends a leaf hash; answers the new leaf's index. */
    public long append(byte[] leafHash) {
        long index = size;
        appendCompleting(leafHash);
        return index;
    }

    /**
     * Appends a leaf hash; answers the roots of the complete subtrees the new leaf completed, level 1 first (one per
     * trailing 1-bit of the old size). With the new leaf at index {@code i}, the one of level {@code L} is node
     * {@code i >> L} of its level: what a log that caches interior nodes stores beside the leaf.
     */
    public List<byte[]> appendCompleting(byte[] leafHash) {
        byte[] h = MerkleHash.checked(leafHash).clone();
        List<byte[]> completed = new ArrayList<>();
        // Each trailing 1-bit of the old size is a complete subtree of the same height as h: merge, like a carry.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            h = MerkleHash.node(stack.remove(stack.size() - 1), h);
            completed.add(h.clone());
        }
        stack.add(h);
        size++;
        return completed;
    }

    /** An independent copy: appends to one do not change the other. */
    public MerkleFrontier copy() {
        return restore(size, stack);
    }

    /** MTH of all leaves appended so far: the subtree roots folded right to left, as the RFC's splits nest. */
    public byte[] root() {
        if (stack.isEmpty()) return MerkleHash.empty();
        byte[] r = stack.get(stack.size() - 1);
        for (int i = stack.size() - 2; i >= 0; i--) {
            r = MerkleHash.node(stack.get(i), r);
        }
        return r.clone();
    }

    public long size() {
        return size;
    }

    /** The complete subtree roots, largest (leftmost) first: the persisted form together with {@link #size()}. */
    public List<byte[]> hashes() {
        return stack.stream().map(byte[]::clone).toList();
    }
}
