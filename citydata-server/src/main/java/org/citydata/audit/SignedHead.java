package org.citydata.audit;

import java.time.Instant;
import java.util.Base64;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.TreeHead;

/**
 * A signed tree head as the API shows it: the log had {@code size} records with Merkle root {@code rootHash} (hex)
 * at {@code timestamp} (kept to the millisecond), signed with Ed25519 ({@code signature}, base64) over
 * {@link TreeHead#signedBytes}.
 */
public record SignedHead(long size, String rootHash, Instant timestamp, String signature) {

    public static SignedHead of(TreeHead head) {
        return new SignedHead(head.size(), MerkleHash.hex(head.rootHash()), head.timestamp(),
                Base64.getEncoder().encodeToString(head.signature()));
    }

    /** The kernel's head; throws {@link IllegalArgumentException} when a part is missing or malformed. */
    public TreeHead toTreeHead() {
        if (rootHash == null || timestamp == null || signature == null) throw new IllegalArgumentException("a signed head needs rootHash, timestamp and signature");
        return new TreeHead(size, MerkleHash.fromHex(rootHash), timestamp, Base64.getDecoder().decode(signature));
    }
}
