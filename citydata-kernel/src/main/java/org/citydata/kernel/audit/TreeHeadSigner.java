package org.citydata.kernel.audit;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs tree heads with Ed25519 and checks them. The private key stays with the server (stored as base64 PKCS#8);
 * the public key is published (base64 X.509 SubjectPublicKeyInfo) so that anyone can check the heads.
 */
public final class TreeHeadSigner {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;

    public TreeHeadSigner(PrivateKey privateKey) {
        if (!ALGORITHM.equalsIgnoreCase(privateKey.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("tree heads are signed with Ed25519, not " + privateKey.getAlgorithm());
        }
        this.privateKey = privateKey;
    }

    public TreeHead sign(long size, byte[] rootHash, Instant timestamp) {
        Instant millis = Instant.ofEpochMilli(timestamp.toEpochMilli());
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(TreeHead.signedBytes(size, rootHash, millis));
            return new TreeHead(size, rootHash, millis, s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Signs the current state of a frontier: the usual way the server produces its periodic head. */
    public TreeHead sign(MerkleFrontier frontier, Instant timestamp) {
        return sign(frontier.size(), frontier.root(), timestamp);
    }

    /** Whether the head's signature is the key holder's over exactly this size, timestamp and root. */
    public static boolean verify(TreeHead head, PublicKey publicKey) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(head.signedBytes());
            return s.verify(head.signature());
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a wrong kind of key or a malformed signature is simply not a valid signature
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    /**
     * The public key of an Ed25519 private key, so that a key given as PKCS#8 alone (which need not carry its public
     * half) can be published. The JDK has no call for it; its key pair generator derives the pair from 32 random
     * bytes, which are exactly the private key, so it is handed those bytes.
     */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        SecureRandom replay = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, replay);
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(pair.getPrivate().getEncoded(), privateKey.getEncoded())) {
                throw new IllegalStateException("the derived key pair does not hold the given private key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    public static String encodePrivateKey(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PrivateKey decodePrivateKey(String base64Pkcs8) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    public static PublicKey decodePublicKey(String base64X509) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }
}
