package org.citydata.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TreeHeadSignerTest {

    static final KeyPair KEYS = TreeHeadSigner.generateKeyPair();
    static final byte[] ROOT = MerkleHash.leaf("root".getBytes());
    static final Instant AT = Instant.parse("2024-05-01T08:00:00.123456Z");

    @Test
    void signedHeadVerifiesWithThePublishedKey() {
        TreeHead head = new TreeHeadSigner(KEYS.getPrivate()).sign(42, ROOT, AT);
        assertThat(head.timestamp()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123Z"));
        assertThat(head.signature()).hasSize(64);
        assertThat(TreeHeadSigner.verify(head, KEYS.getPublic())).isTrue();
    }

    @Test
    void canonicalEncodingIsAsDocumented() {
        byte[] bytes = TreeHead.signedBytes(0x0102030405060708L, ROOT, Instant.ofEpochMilli(0x1122334455L));
        assertThat(bytes).hasSize(21 + 8 + 8 + 32);
        assertThat(new String(bytes, 0, 21, StandardCharsets.US_ASCII)).isEqualTo("citydata-tree-head-v1");
        assertThat(Arrays.copyOfRange(bytes, 21, 29)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(Arrays.copyOfRange(bytes, 29, 37)).containsExactly(0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55);
        assertThat(Arrays.copyOfRange(bytes, 37, 69)).isEqualTo(ROOT);
    }

    @Test
    void anyChangeToTheHeadBreaksTheSignature() {
        TreeHead head = new TreeHeadSigner(KEYS.getPrivate()).sign(42, ROOT, AT);
        PublicKey key = KEYS.getPublic();
        assertThat(TreeHeadSigner.verify(new TreeHead(43, ROOT, head.timestamp(), head.signature()), key)).isFalse();
        assertThat(TreeHeadSigner.verify(new TreeHead(42, MerkleHash.leaf(new byte[0]), head.timestamp(),
                head.signature()), key)).isFalse();
        assertThat(TreeHeadSigner.verify(new TreeHead(42, ROOT, head.timestamp().plusMillis(1), head.signature()), key))
                .isFalse();
        byte[] flipped = head.signature();
        flipped[10] ^= 1;
        assertThat(TreeHeadSigner.verify(new TreeHead(42, ROOT, head.timestamp(), flipped), key)).isFalse();
        assertThat(TreeHeadSigner.verify(new TreeHead(42, ROOT, head.timestamp(), new byte[3]), key)).isFalse();
    }

    @Test
    void anotherKeysSignatureIsRejected() {
        KeyPair other = TreeHeadSigner.generateKeyPair();
        TreeHead forged = new TreeHeadSigner(other.getPrivate()).sign(42, ROOT, AT);
        assertThat(TreeHeadSigner.verify(forged, KEYS.getPublic())).isFalse();
    }

    @Test
    void keysRoundTripThroughTheirBase64Encodings() {
        String privateKey = TreeHeadSigner.encodePrivateKey(KEYS.getPrivate());
        String publicKey = TreeHeadSigner.encodePublicKey(KEYS.getPublic());
        TreeHead head = new TreeHeadSigner(TreeHeadSigner.decodePrivateKey(privateKey)).sign(7, ROOT, AT);
        assertThat(TreeHeadSigner.verify(head, TreeHeadSigner.decodePublicKey(publicKey))).isTrue();
        assertThat(TreeHeadSigner.verify(head, KEYS.getPublic())).isTrue(); // Ed25519 signatures are deterministic
        assertThat(head).isEqualTo(new TreeHeadSigner(KEYS.getPrivate()).sign(7, ROOT, AT));
        assertThatThrownBy(() -> TreeHeadSigner.decodePublicKey(privateKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyAlone() {
        var decoded = TreeHeadSigner.decodePrivateKey(TreeHeadSigner.encodePrivateKey(KEYS.getPrivate()));
        assertThat(TreeHeadSigner.publicKeyOf(decoded).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
        var other = TreeHeadSigner.generateKeyPair();
        assertThat(TreeHeadSigner.publicKeyOf(other.getPrivate()).getEncoded()).isEqualTo(other.getPublic().getEncoded());
    }
}
