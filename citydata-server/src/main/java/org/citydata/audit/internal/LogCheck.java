package org.citydata.audit.internal;

import java.security.PublicKey;
import org.citydata.audit.LogVerification;
import org.citydata.audit.Verdict;
import org.citydata.kernel.audit.LogVerdict;
import org.citydata.kernel.audit.LogVerifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verifies the whole stored log, as an auditor would: the sequence has no gaps, every record's leaf is rebuilt from
 * its stored fields and compared with its stored leaf hash, and the roots at every signed head are recomputed from
 * the records and compared with the signed ones ({@link LogVerifier}). The log may grow meanwhile: the heads and
 * records looked at are those there when it starts.
 */
public final class LogCheck {

    private LogCheck() {}

    public static Verdict run(JdbcClient db, PublicKey key, LogVerification.Progress progress) {
        // heads first: every head there now covers only records there by the time the records are counted
        var heads = db.sql("select count(*), coalesce(max(size), 0) from audit_tree_head")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        int headCount = (int) heads[0];
        long size = db.sql("select coalesce(max(seq) + 1, 0) from audit_record").query(Long.class).single();
        progress.work(size + Math.min(heads[1], size));
        var gap = db.sql("""
                select pos from (select seq, row_number() over (order by seq) - 1 as pos from audit_record where seq < ?) x
                where seq <> pos order by pos limit 1""").param(size).query(Long.class).optional();
        if (gap.isPresent()) return new Verdict(Verdict.Finding.SEQUENCE_GAP, gap.get(), -1, null, 0, size, headCount);

        var leaves = new StoredLeaves(db, size, progress::checked);
        var signed = new StoredHeads(db, headCount);
        LogVerdict v = new LogVerifier(key).verify(leaves.recomputed(), leaves.stored(), signed);
        Long headSize = v.headIndex() >= 0 ? signed.get(v.headIndex()).size() : null;
        return new Verdict(Verdict.Finding.valueOf(v.finding().name()), v.recordIndex(), v.headIndex(), headSize, v.verifiedSize(),
                size, headCount);
    }
}
