package org.citydata.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets the platform must keep to do its work (a department database's password, an API token) with
 * AES-256-GCM: a stored secret is unreadable without the key, and a changed byte fails to decrypt instead of yielding
 * a wrong password. The key comes from {@code citydata.secrets.key} (base64, 32 bytes; env CITYDATA_SECRETS_KEY) or,
 * when that is unset, from a key file beside the data, created on first use and readable by its owner only.
 */
@Component
public class SecretBox {

    private static final byte FORMAT = 1; // first byte of every box, so a later key or algorithm can be told apart
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${citydata.secrets.key:}") String key, @Value("${citydata.secrets.key-file}") Path keyFile) {
        this.key = new SecretKeySpec(key.isBlank() ? fromFile(keyFile) : decode(key), "AES");
    }

    public byte[] seal(String secret) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * A key for another use, derived from the platform key (HMAC-SHA256 of the label), so that masking pseudonyms,
     * subject hashes and sealed secrets never share a key and one platform secret is all there is to keep.
     */
    public byte[] derive(String label) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("citydata:" + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The secret, or an exception when the box was made with another key or was altered. */
    public String open(byte[] box) {
        if (box.length < 1 + NONCE + TAG_BITS / 8 || box[0] != FORMAT) throw new IllegalArgumentException("not a sealed secret");
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 1, NONCE));
            return new String(cipher.doFinal(box, 1 + NONCE, box.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret cannot be opened with this platform's key", e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.strip());
        if (bytes.length != 32) throw new IllegalStateException("citydata.secrets.key must be 32 bytes, base64-encoded; it has " + bytes.length);
        return bytes;
    }

    private byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) return decode(Files.readString(file));
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }
}
