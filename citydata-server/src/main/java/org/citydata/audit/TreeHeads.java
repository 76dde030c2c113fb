package org.citydata.audit;

import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.citydata.audit.internal.LogWriter;
import org.citydata.audit.internal.SigningKey;
import org.citydata.audit.internal.StoredTree;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed tree heads: every {@code citydata.audit.head-interval} (10 s by default), when the log grew, the platform
 * signs its size and Merkle root with its Ed25519 key and keeps the head. A head is a promise anyone can hold the
 * platform to: every later head must extend it (consistency proof), and every record before its size is provably in
 * it (inclusion proof). Heads and the public key are not secret.
 */
@Service
public class TreeHeads {

    private static final Logger log = LoggerFactory.getLogger(TreeHeads.class);
    private static final String SELECT = "select size, root_hash, signed_at, signature from audit_tree_head";

    private final JdbcClient db;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final LogWriter writer;
    private final SigningKey key;
    private final boolean signing;

    TreeHeads(JdbcClient db, DataSource dataSource, TransactionTemplate tx, LogWriter writer, SigningKey key,
              @Value("${citydata.audit.sign-heads:true}") boolean signing) {
        this.db = db;
        this.dataSource = dataSource;
        this.tx = tx;
        this.writer = writer;
        this.key = key;
        this.signing = signing;
    }

    public Optional<SignedHead> latest() {
        return db.sql(SELECT + " order by size desc limit 1").query(TreeHeads::map).optional().map(SignedHead::of);
    }

    /** The head signed at exactly this size, if one was. */
    public Optional<SignedHead> at(long size) {
        return db.sql(SELECT + " where size = ?").param(size).query(TreeHeads::map).optional().map(SignedHead::of);
    }

    /** Newest first. */
    public List<SignedHead> list(int page, int size) {
        int safeSize = Math.min(Math.max(size, 1), 500);
        return db.sql(SELECT + " order by size desc limit ? offset ?").params(safeSize, (long) Math.max(page, 0) * safeSize)
                .query(TreeHeads::map).list().stream().map(SignedHead::of).toList();
    }

    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** Base64 of the X.509 SubjectPublicKeyInfo, as {@code TreeHeadSigner.decodePublicKey} reads it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Signs a head over what the log has committed, when that is more than the latest head covers; answers it. Under
     * the log's lock, so heads are stored in order of size even with several platform nodes, and never dated before
     * the head they follow.
     */
    public Optional<SignedHead> signIfGrown() {
        var state = writer.committed();
        if (state == null || state.size() == 0) return Optional.empty();
        return tx.execute(status -> {
            db.sql("select pg_advisory_xact_lock(?)").param(LogWriter.LOCK).query((rs, n) -> 1).list();
            var last = db.sql(SELECT + " order by size desc limit 1").query(TreeHeads::map).optional();
            if (last.isPresent() && last.get().size() >= state.size()) return Optional.<SignedHead>empty();
            var now = Instant.now();
            if (last.isPresent() && now.isBefore(last.get().timestamp())) now = last.get().timestamp();
            var head = key.signer().sign(state.size(), state.root(), now);
            db.sql("insert into audit_tree_head (size, root_hash, signed_at, signature) values (?, ?, ?, ?)")
                    .params(head.size(), head.rootHash(), OffsetDateTime.ofInstant(head.timestamp(), ZoneOffset.UTC), head.signature())
                    .update();
            return Optional.of(SignedHead.of(head));
        });
    }

    @Scheduled(fixedDelayString = "${citydata.audit.head-interval:PT10S}", initialDelayString = "${citydata.audit.head-interval:PT10S}")
    void signOnSchedule() {
        if (!signing) return;
        try {
            signIfGrown().ifPresent(h -> log.debug("signed tree head of {} records", h.size()));
        } catch (RuntimeException e) {
            log.error("could not sign a tree head: {}", e.toString());
        }
    }

    /**
     * At start, the stored tree must still give the root of the latest signed head; if not, its records or nodes were
     * changed while the platform was down. Said loudly; the full verification says where.
     */
    @EventListener(ApplicationReadyEvent.class)
    void checkLatestHead() {
        var latest = latest();
        if (latest.isEmpty()) return;
        try (var c = dataSource.getConnection()) {
            long size = latest.get().size();
            byte[] root = StoredTree.compute(c, size, tree -> tree.root(size));
            if (!MerkleHash.hex(root).equals(latest.get().rootHash())) {
                log.error("the access log no longer matches its latest signed tree head (size {}): records or nodes were "
                        + "changed; run the verification (console 留痕验证, or the verify-audit command)", size);
            }
        } catch (SQLException | RuntimeException e) {
            log.error("the access log could not be checked against its latest signed tree head: {}", e.toString());
        }
    }

    static TreeHead map(ResultSet rs, int n) throws SQLException {
        return new TreeHead(rs.getLong("size"), rs.getBytes("root_hash"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getBytes("signature"));
    }
}
