package org.citydata.kernel.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, shared between threads: a {@link Mac} is not thread-safe, and getting and keying one
 * costs more than hashing a short value, so each thread keys its own once.
 */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    /** @param key copied */
    public Hmac(byte[] key) {
        var spec = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                var mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
            }
        });
    }

    /** The HMAC of the text's UTF-8 bytes (32 bytes). */
    public byte[] of(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)); // doFinal also resets the Mac
    }
}
