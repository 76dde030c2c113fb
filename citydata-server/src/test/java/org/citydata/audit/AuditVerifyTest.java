package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citydata.audit.internal.Leaf;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering with the stored log as a database superuser would — triggers off for the session — is found by the
 * verification, which names the first record concerned. Each test tampers with records it appended itself and puts
 * them back exactly, in its own transactions, so the log other tests share is intact again afterwards.
 */
class AuditVerifyTest extends WebTest {

    private static final LogVerification.Progress QUIET = new LogVerification.Progress() {
        @Override
        public void work(long total) {}

        @Override
        public void checked(long more) {}
    };

    @Autowired
    AccessLog log;

    @Autowired
    TreeHeads heads;

    @Autowired
    LogVerification verification;

    @Autowired
    AccessRecords records;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate tx;

    private long append(String actor, String purpose) {
        return log.append(new AccessRecord(actor, 1, null, null, AccessRecord.Channel.PLATFORM, AccessRecord.Action.READ,
                "101-3205GA-000001", 1L, 1, List.of("id", "name"), "id:eq:P01", 1L, purpose, null, null,
                AccessRecord.Outcome.ALLOWED, null, List.of())).value();
    }

    /** Runs SQL with the append-only triggers (and foreign keys) off, as a superuser could; committed. */
    private void asSuperuser(String... statements) {
        tx.executeWithoutResult(status -> {
            db.sql("set local session_replication_role = replica").update();
            for (String s : statements) db.sql(s).update();
        });
    }

    private Verdict verify() {
        return verification.verify(QUIET);
    }

    @Test
    void anUntouchedLogIsIntact() {
        append(unique("intact"), "intact");
        heads.signIfGrown();
        var verdict = verify();
        assertThat(verdict.finding()).as(verdict.toString()).isEqualTo(Verdict.Finding.INTACT);
        assertThat(verdict.records()).isPositive();
        assertThat(verdict.heads()).isPositive();
        assertThat(verdict.verifiedSize()).isLessThanOrEqualTo(verdict.records()).isPositive();
    }

    @Test
    void aChangedFieldIsFoundAtItsRecord() {
        String actor = unique("altered");
        long a = append(actor, "first");
        long b = append(actor, "second");
        append(actor, "third");
        try {
            asSuperuser("update audit_record set row_count = 1000 where seq = " + b);
            var verdict = verify();
            assertThat(verdict.finding()).as(verdict.toString()).isEqualTo(Verdict.Finding.ALTERED_RECORD);
            assertThat(verdict.recordIndex()).isEqualTo(b);
        } finally {
            asSuperuser("update audit_record set row_count = 1 where seq = " + b);
        }
        assertThat(verify().intact()).isTrue();
        assertThat(a).isLessThan(b);
    }

    @Test
    void aDeletedRecordIsFoundAtItsPlaceInTheSequence() {
        String actor = unique("deleted");
        append(actor, "first");
        long b = append(actor, "second");
        append(actor, "third"); // so the deleted one is not the last
        var row = db.sql("select * from audit_record where seq = ?").param(b).query().singleRow();
        try {
            asSuperuser("delete from audit_record where seq = " + b);
            var verdict = verify();
            assertThat(verdict.finding()).as(verdict.toString()).isEqualTo(Verdict.Finding.SEQUENCE_GAP);
            assertThat(verdict.recordIndex()).isEqualTo(b);
        } finally {
            restore(row);
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void twoRecordsWithSwappedContentsAreFoundAtTheFirst() {
        String actor = unique("swapped");
        long a = append(actor, "first");
        long b = append(actor, "second");
        String columns = "at, actor, department_id, application_id, end_user, channel, action, resource_code, provider_id, version, "
                + "fields, criteria, row_count, purpose, grant_id, request_id, outcome, problem_code, leaf_hash";
        String swap = "update audit_record t set (" + columns + ") = (select " + columns + " from audit_record s where s.seq = %d) where t.seq = %d";
        var rowA = db.sql("select * from audit_record where seq = ?").param(a).query().singleRow();
        var rowB = db.sql("select * from audit_record where seq = ?").param(b).query().singleRow();
        try {
            // contents, stored leaf hashes included, change places; the sequence numbers stay
            tx.executeWithoutResult(status -> {
                db.sql("set local session_replication_role = replica").update();
                db.sql("create temporary table swap_a on commit drop as select * from audit_record where seq = " + a).update();
                db.sql(swap.formatted(b, a)).update();
                db.sql(swap.replace("from audit_record s", "from swap_a s").formatted(a, b)).update();
            });
            assertThat(db.sql("select purpose from audit_record where seq = ?").param(a).query(String.class).single()).isEqualTo("second");
            var verdict = verify();
            assertThat(verdict.finding()).as(verdict.toString()).isEqualTo(Verdict.Finding.ALTERED_RECORD);
            assertThat(verdict.recordIndex()).isEqualTo(a);
        } finally {
            tx.executeWithoutResult(status -> {
                db.sql("set local session_replication_role = replica").update();
                db.sql("delete from audit_record where seq in (?, ?)").params(a, b).update();
            });
            restore(rowA);
            restore(rowB);
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aRecordChangedWithItsLeafHashIsCaughtByTheSignedHeadThatCoversIt() {
        String actor = unique("rehashed");
        long a = append(actor, "first");
        heads.signIfGrown();
        var signedSize = heads.latest().orElseThrow().size();
        assertThat(signedSize).isGreaterThan(a);
        var original = records.get(org.citydata.identity.Actor.system(0), a).value();
        var forged = new LoggedRecord(original.seq(), original.at(), original.actor(), original.departmentId(), original.applicationId(),
                original.endUser(), original.channel(), original.action(), original.resourceCode(), original.providerId(), original.version(),
                original.fields(), original.criteria(), original.rows(), "a harmless purpose", original.grantId(), original.requestId(),
                original.outcome(), original.problemCode(), original.subjectHashes(), null);
        String forgedHash = org.citydata.kernel.audit.MerkleHash.hex(Leaf.hash(forged));
        try {
            asSuperuser("update audit_record set purpose = 'a harmless purpose', leaf_hash = decode('" + forgedHash + "', 'hex') where seq = " + a);
            var verdict = verify();
            assertThat(verdict.finding()).as(verdict.toString()).isEqualTo(Verdict.Finding.ROOT_MISMATCH);
            assertThat(verdict.recordIndex()).as("the last size that still matched: the change is at or after it").isLessThanOrEqualTo(a);
            assertThat(verdict.headSize()).isGreaterThan(a);
        } finally {
            asSuperuser("update audit_record set purpose = 'first', leaf_hash = decode('" + original.leafHash() + "', 'hex') where seq = " + a);
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void theBureauAndAuditorsRunTheVerificationInTheBackgroundAndWatchItFinish() throws InterruptedException {
        append(unique("run"), "run");
        assertThat(signedIn("ga_officer").post("/api/v1/audit/verify", Map.of()).status()).isEqualTo(403);
        var auditor = signedIn("dsj_auditor");
        var started = auditor.post("/api/v1/audit/verify", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().get("id").asLong();
        var run = started.json();
        for (int i = 0; i < 300 && run.get("state").asString().equals("RUNNING"); i++) {
            Thread.sleep(100);
            run = auditor.get("/api/v1/audit/verify/" + id).json();
        }
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("DONE");
        assertThat(run.get("verdict").get("finding").asString()).isEqualTo("INTACT");
        assertThat(run.get("checked").asLong()).isEqualTo(run.get("work").asLong()).isPositive();
        assertThat(signedIn("ga_officer").get("/api/v1/audit/verify/" + id).status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/audit/verify/999999").json().get("code").asString()).isEqualTo("AUDIT_VERIFICATION_NOT_FOUND");
    }

    /** Puts a row back exactly as it was read. */
    private void restore(Map<String, Object> row) {
        tx.executeWithoutResult(status -> {
            db.sql("set local session_replication_role = replica").update();
            db.sql("""
                    insert into audit_record (seq, at, actor, department_id, application_id, end_user, channel, action, resource_code,
                        provider_id, version, fields, criteria, row_count, purpose, grant_id, request_id, outcome, problem_code, leaf_hash)
                    values (:seq, :at, :actor, :department_id, :application_id, :end_user, :channel, :action, :resource_code,
                        :provider_id, :version, :fields, :criteria, :row_count, :purpose, :grant_id, :request_id, :outcome, :problem_code, :leaf_hash)""")
                    .params(row).update();
        });
    }
}
