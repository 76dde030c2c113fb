package org.citydata.kernel.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes of RFC 6962 §2.1 with SHA-256. Leaves and interior nodes get different one-byte prefixes so that a leaf
 * can never be passed off as a node (second-preimage protection).
 */
public final class MerkleHash {

    public static final int LENGTH = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY = sha256().digest();

    private MerkleHash() {}

    /** SHA-256(0x00 || leaf). */
    public static byte[] leaf(byte[] leaf) {
        MessageDigest d = sha256();
        d.update(LEAF_PREFIX);
        d.update(leaf);
        return d.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update(NODE_PREFIX);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The Merkle Tree Hash of the empty list: SHA-256 of no bytes. */
    public static byte[] empty() {
        return EMPTY.clone();
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    public static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] checked(byte[] hash) {
        if (hash == null || hash.length != LENGTH) {
            throw new IllegalArgumentException("a Merkle hash has " + LENGTH + " bytes");
        }
        return hash;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
