package org.citydata.audit;

import java.util.List;

/**
 * That the record at {@code index} (its sequence number), whose leaf hash is {@code leafHash}, is in the log of
 * {@code treeSize} records whose signed head is {@code head}: RFC 6962 audit path, leaf side first, hashes in hex.
 * Check with the RFC 9162 algorithm ({@code MerkleTree.verifyInclusion}) and the head's signature with the public key.
 */
public record InclusionProof(long index, String leafHash, long treeSize, List<String> auditPath, SignedHead head) {

    public InclusionProof {
        auditPath = auditPath == null ? List.of() : List.copyOf(auditPath);
    }
}
