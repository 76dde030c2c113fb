package org.citydata.kernel.audit;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;

/**
 * Checks a whole log against its signed tree heads, as an auditor would: every record re-hashed, every head's
 * signature checked, and the Merkle root recomputed at every head's size. One pass over the records with a
 * {@link MerkleFrontier}, so the cost is O(n) hashes however many heads there are.
 */
public final class LogVerifier {

    private final PublicKey publicKey;

    public LogVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** Verifies records as stored (the leaves themselves), with the leaf hashes stored beside them if there are any. */
    public LogVerdict verifyRecords(List<byte[]> records, List<byte[]> storedLeafHashes, List<TreeHead> heads) {
        return verify(InMemoryLeaves.ofRecords(records),
                storedLeafHashes == null ? null : InMemoryLeaves.ofHashes(storedLeafHashes), heads);
    }

    /**
     * @param recomputed leaf hashes recomputed from the records as they are now, in log order
     * @param stored the leaf hashes stored beside the records, or null when none are kept; a difference from
     *               {@code recomputed} pins an altered record to its index
     * @param heads the signed tree heads, in the order they were issued
     */
    public LogVerdict verify(LeafSource recomputed, LeafSource stored, List<TreeHead> heads) {
        long n = recomputed.size();
        if (stored != null) {
            for (long i = 0; i < Math.min(n, stored.size()); i++) {
                if (!MessageDigest.isEqual(recomputed.leafHash(i), stored.leafHash(i))) {
                    return new LogVerdict(LogVerdict.Finding.ALTERED_RECORD, i, -1, 0);
                }
            }
        }
        MerkleFrontier frontier = new MerkleFrontier();
        TreeHead previous = null;
        for (int h = 0; h < heads.size(); h++) {
            TreeHead head = heads.get(h);
            long verified = frontier.size();
            if (!TreeHeadSigner.verify(head, publicKey)) {
                return new LogVerdict(LogVerdict.Finding.BAD_SIGNATURE, -1, h, verified);
            }
            if (previous != null && (head.size() < previous.size() || head.timestamp().isBefore(previous.timestamp()))) {
                return new LogVerdict(LogVerdict.Finding.HEADS_OUT_OF_ORDER, -1, h, verified);
            }
            if (head.size() > n) {
                return new LogVerdict(LogVerdict.Finding.RECORDS_MISSING, n, h, verified);
            }
            while (frontier.size() < head.size()) {
                frontier.append(recomputed.leafHash(frontier.size()));
            }
            if (!MessageDigest.isEqual(frontier.root(), head.rootHash())) {
                return new LogVerdict(LogVerdict.Finding.ROOT_MISMATCH, verified, h, verified);
            }
            previous = head;
        }
        return LogVerdict.intact(frontier.size());
    }
}
