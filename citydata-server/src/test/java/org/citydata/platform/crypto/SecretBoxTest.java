package org.citydata.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndUnaltered() throws Exception {
        var keyFile = dir.resolve("secret.key");
        var box = new SecretBox("", keyFile);
        byte[] sealed = box.seal("口令-Pa55");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Pa55");
        assertThat(box.open(sealed)).isEqualTo("口令-Pa55");
        assertThat(box.seal("口令-Pa55")).isNotEqualTo(sealed); // a fresh nonce each time

        // the key file was created, owner-only, and a second box reading it opens the secret
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(new SecretBox("", keyFile).open(sealed)).isEqualTo("口令-Pa55");

        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(IllegalArgumentException.class);

        var other = new SecretBox(Base64.getEncoder().encodeToString(new byte[32]), keyFile);
        assertThatThrownBy(() -> other.open(box.seal("x"))).hasMessageContaining("key");
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsRefusedAtStart() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), dir.resolve("k")))
                .hasMessageContaining("32 bytes");
    }
}
