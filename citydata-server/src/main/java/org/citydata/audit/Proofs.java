package org.citydata.audit;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.citydata.audit.internal.StoredTree;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.MerkleTree;
import org.citydata.kernel.audit.TreeHeadSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Proofs against signed heads, read from the stored subtree hashes (two queries each, whatever the log's length),
 * and their checking, as anyone holding the public key would check them.
 */
@Service
public class Proofs {

    private static final Logger log = LoggerFactory.getLogger(Proofs.class);

    /** What checking a proof found: whether the head is the log's own, and whether the path leads to its root. */
    public record ProofCheck(boolean signatureValid, boolean included) {
        public boolean valid() {
            return signatureValid && included;
        }
    }

    private final DataSource dataSource;
    private final AccessRecords records;
    private final TreeHeads heads;

    Proofs(DataSource dataSource, AccessRecords records, TreeHeads heads) {
        this.dataSource = dataSource;
        this.records = records;
        this.heads = heads;
    }

    /**
     * The record's inclusion proof against the signed head of {@code size} records, or the latest head when size is
     * null. A record newer than the latest head answers {@code AUDIT_NOT_YET_SIGNED} (heads follow within the head
     * interval); a size no head was signed at, {@code AUDIT_HEAD_NOT_FOUND}.
     */
    public Result<InclusionProof> inclusion(Actor actor, long seq, Long size) {
        return records.get(actor, seq).flatMap(record -> inclusion(record, size));
    }

    /** The proof of a record the caller has already read (and so may see), against the latest head or {@code size}'s. */
    public Result<InclusionProof> inclusion(LoggedRecord record, Long size) {
        long seq = record.seq();
        var head = size == null ? heads.latest() : heads.at(size);
        if (head.isEmpty() && size != null) return Result.failure(Problem.notFound("AUDIT_HEAD_NOT_FOUND", String.valueOf(size)));
        long covered = head.map(SignedHead::size).orElse(0L);
        if (covered <= seq) {
            // numbers as text: a sequence number reads 12345, not 12,345
            return Result.failure(size == null ? Problem.conflict("AUDIT_NOT_YET_SIGNED", String.valueOf(seq), String.valueOf(covered))
                    : Problem.conflict("AUDIT_RECORD_NOT_IN_HEAD", String.valueOf(seq), String.valueOf(size)));
        }
        return tree(covered, t -> t.inclusionProof(seq, covered))
                .map(path -> new InclusionProof(seq, record.leafHash(), covered, hex(path), head.get()));
    }

    /** That the head of {@code to} records extends the head of {@code from}; both must be signed heads. */
    public Result<ConsistencyProof> consistency(long from, long to) {
        if (from < 1 || from > to)
            return Result.failure(Problem.of(Problem.Kind.INVALID, "AUDIT_BAD_RANGE", String.valueOf(from), String.valueOf(to)));
        var older = heads.at(from);
        if (older.isEmpty()) return Result.failure(Problem.notFound("AUDIT_HEAD_NOT_FOUND", String.valueOf(from)));
        var newer = heads.at(to);
        if (newer.isEmpty()) return Result.failure(Problem.notFound("AUDIT_HEAD_NOT_FOUND", String.valueOf(to)));
        return tree(to, t -> t.consistencyProof(from, to)).map(proof -> new ConsistencyProof(older.get(), newer.get(), hex(proof)));
    }

    /**
     * Checks a proof as a client would: the head's Ed25519 signature with this log's public key, then the audit path
     * from the leaf hash to the head's root (RFC 9162). A proof with malformed parts answers {@code AUDIT_MALFORMED_PROOF}.
     */
    public Result<ProofCheck> check(InclusionProof proof) {
        try {
            var head = proof.head().toTreeHead();
            boolean signed = TreeHeadSigner.verify(head, heads.publicKey());
            var path = proof.auditPath().stream().map(MerkleHash::fromHex).toList();
            boolean included = proof.treeSize() == head.size() && path.stream().allMatch(h -> h.length == MerkleHash.LENGTH)
                    && MerkleTree.verifyInclusion(MerkleHash.fromHex(proof.leafHash()), proof.index(), head.size(), path, head.rootHash());
            return Result.ok(new ProofCheck(signed, included));
        } catch (RuntimeException e) {
            return Result.failure(Problem.of(Problem.Kind.INVALID, "AUDIT_MALFORMED_PROOF", String.valueOf(e.getMessage())));
        }
    }

    private <T> Result<T> tree(long size, Function<MerkleTree, T> use) {
        try (var c = dataSource.getConnection()) {
            return Result.ok(StoredTree.compute(c, size, use));
        } catch (SQLException | IllegalStateException e) {
            log.error("no proof over {} records: {}", size, e.toString());
            return Result.failure(Problem.of(Problem.Kind.UNAVAILABLE, "AUDIT_TREE_UNAVAILABLE"));
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(MerkleHash::hex).toList();
    }
}
