package org.citydata.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.citydata.kernel.audit.TreeHeadSigner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs tree heads: {@code citydata.audit.signing-key} (base64 PKCS#8; env
 * CITYDATA_AUDIT_SIGNING_KEY) or, when that is unset, the key file {@code citydata.audit.key-file} beside the data,
 * created on first use and readable by its owner only. Its public half is published for anyone checking heads.
 */
@Component
public class SigningKey {

    private final TreeHeadSigner signer;
    private final PublicKey publicKey;

    SigningKey(@Value("${citydata.audit.signing-key:}") String key, @Value("${citydata.audit.key-file}") Path keyFile) {
        PrivateKey privateKey = TreeHeadSigner.decodePrivateKey(key.isBlank() ? fromFile(keyFile) : key.strip());
        this.signer = new TreeHeadSigner(privateKey);
        this.publicKey = TreeHeadSigner.publicKeyOf(privateKey);
    }

    public TreeHeadSigner signer() {
        return signer;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            Files.createDirectories(file.toAbsolutePath().getParent());
            var fresh = TreeHeadSigner.encodePrivateKey(TreeHeadSigner.generateKeyPair().getPrivate());
            Files.writeString(file, fresh);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key file " + file, e);
        }
    }
}
