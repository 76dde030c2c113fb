package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.citydata.identity.Departments;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.MerkleTree;
import org.citydata.kernel.audit.TreeHeadSigner;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The access log over HTTP: its public parts for anyone, its records by department, proofs that check out. */
class AuditApiTest extends WebTest {

    @Autowired
    AccessLog log;

    @Autowired
    TreeHeads heads;

    @Autowired
    Departments departments;

    private long department(String code) {
        return departments.findByCode(code).orElseThrow().id();
    }

    private long append(String actor, String readerDepartment, String provider, AccessRecord.Outcome outcome) {
        return log.append(new AccessRecord(actor, department(readerDepartment), null, null, AccessRecord.Channel.CONSOLE,
                AccessRecord.Action.READ, "101-" + provider + "-000001", department(provider), 1, List.of("id"), null, 1L,
                "audit api test", null, null, outcome, outcome == AccessRecord.Outcome.DENIED ? "DATASTORE_NO_ACCESS" : null, List.of()))
                .value();
    }

    /** Signs a head now, so the records appended so far are covered, and answers it. */
    private SignedHead signed() {
        heads.signIfGrown();
        return heads.latest().orElseThrow();
    }

    private static List<byte[]> hashes(JsonNode array) {
        var list = new ArrayList<byte[]>();
        array.forEach(h -> list.add(MerkleHash.fromHex(h.asString())));
        return list;
    }

    @Test
    void thePublicKeyAndSignedHeadsNeedNoSignInAndTheHeadsVerifyWithTheKey() {
        append(unique("heads"), "3205GA", "3205GA", AccessRecord.Outcome.ALLOWED);
        signed();
        var key = anonymous().get("/api/v1/audit/public-key");
        assertThat(key.status()).isEqualTo(200);
        var publicKey = TreeHeadSigner.decodePublicKey(key.json().get("x509").asString());
        assertThat(key.json().get("pem").asString()).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .contains(key.json().get("x509").asString().substring(0, 40)).endsWith("-----END PUBLIC KEY-----\n");

        var latest = anonymous().get("/api/v1/audit/heads/latest");
        assertThat(latest.status()).isEqualTo(200);
        var head = new SignedHead(latest.json().get("size").asLong(), latest.json().get("rootHash").asString(),
                java.time.Instant.parse(latest.json().get("timestamp").asString()), latest.json().get("signature").asString());
        assertThat(TreeHeadSigner.verify(head.toTreeHead(), publicKey)).isTrue();
        assertThat(TreeHeadSigner.verify(new SignedHead(head.size() + 1, head.rootHash(), head.timestamp(), head.signature()).toTreeHead(),
                publicKey)).as("a head of another size is not the one signed").isFalse();

        var list = anonymous().get("/api/v1/audit/heads?size=5").json();
        assertThat(list.size()).isBetween(1, 5);
        assertThat(list.get(0).get("size").asLong()).isGreaterThanOrEqualTo(head.size());
        assertThat(anonymous().get("/api/v1/audit/records").status()).as("records are not public").isEqualTo(401);
    }

    @Test
    void anInclusionProofFromTheApiChecksOutWithTheKernelVerifierAgainstTheSignedHead() {
        long seq = append(unique("proof"), "3205GA", "3205RS", AccessRecord.Outcome.ALLOWED);
        var head = signed();
        var auditor = signedIn("dsj_auditor");
        var proof = auditor.get("/api/v1/audit/records/" + seq + "/proof").json();
        assertThat(proof.get("index").asLong()).isEqualTo(seq);
        long size = proof.get("treeSize").asLong();
        assertThat(size).isGreaterThan(seq).isGreaterThanOrEqualTo(head.size());
        var root = MerkleHash.fromHex(proof.get("head").get("rootHash").asString());
        var leaf = MerkleHash.fromHex(proof.get("leafHash").asString());
        assertThat(proof.get("leafHash").asString()).isEqualTo(auditor.get("/api/v1/audit/records/" + seq).json().get("leafHash").asString());
        assertThat(MerkleTree.verifyInclusion(leaf, seq, size, hashes(proof.get("auditPath")), root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaf, seq == 0 ? 1 : seq - 1, size, hashes(proof.get("auditPath")), root)).isFalse();

        // against an older head of a given size too, once a later head exists
        append(unique("later"), "3205GA", "3205GA", AccessRecord.Outcome.ALLOWED);
        var later = signed();
        var atSize = auditor.get("/api/v1/audit/records/" + seq + "/proof?size=" + head.size()).json();
        assertThat(atSize.get("treeSize").asLong()).isEqualTo(head.size());
        assertThat(MerkleTree.verifyInclusion(leaf, seq, head.size(), hashes(atSize.get("auditPath")), MerkleHash.fromHex(head.rootHash()))).isTrue();

        // and the later head extends the earlier one
        var consistency = anonymous().get("/api/v1/audit/consistency?from=" + head.size() + "&to=" + later.size());
        assertThat(consistency.status()).as(consistency.body()).isEqualTo(200);
        assertThat(MerkleTree.verifyConsistency(head.size(), later.size(), MerkleHash.fromHex(head.rootHash()),
                MerkleHash.fromHex(later.rootHash()), hashes(consistency.json().get("proof")))).isTrue();

        assertThat(auditor.get("/api/v1/audit/records/" + seq + "/proof?size=" + (later.size() + 1000)).json().get("code").asString())
                .isEqualTo("AUDIT_HEAD_NOT_FOUND");
        assertThat(anonymous().get("/api/v1/audit/consistency?from=5&to=2").json().get("code").asString()).isEqualTo("AUDIT_BAD_RANGE");
    }

    @Test
    void anOfficerSeesTheReadsOfTheirDepartmentAndOfItsResourcesAndNothingElse() {
        String actor = unique("scope");
        long gaReadsRs = append(actor, "3205GA", "3205RS", AccessRecord.Outcome.ALLOWED);
        long rsReadsGa = append(actor, "3205RS", "3205GA", AccessRecord.Outcome.DENIED);
        long scReadsWj = append(actor, "3205SC", "3205WJ", AccessRecord.Outcome.ALLOWED);

        var ga = signedIn("ga_officer");
        assertThat(seqs(ga.get("/api/v1/audit/records?actor=" + actor).json())).containsExactly(rsReadsGa, gaReadsRs);
        assertThat(ga.get("/api/v1/audit/records/" + scReadsWj).status()).isEqualTo(404);
        assertThat(ga.get("/api/v1/audit/records/" + rsReadsGa).json().get("outcome").asString()).isEqualTo("DENIED");
        assertThat(seqs(signedIn("wj_officer").get("/api/v1/audit/records?actor=" + actor).json())).containsExactly(scReadsWj);
        assertThat(signedIn("ga_staff").get("/api/v1/audit/records").status()).isEqualTo(403);
        assertThat(signedIn("ga_staff").get("/api/v1/audit/records/" + gaReadsRs).status()).isEqualTo(403);

        var auditor = signedIn("dsj_auditor");
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor).json())).containsExactly(scReadsWj, rsReadsGa, gaReadsRs);
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&outcome=DENIED").json())).containsExactly(rsReadsGa);
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&department=3205WJ").json())).containsExactly(scReadsWj);
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&resource=101-3205GA-000001").json())).containsExactly(rsReadsGa);
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&size=1").json())).containsExactly(scReadsWj);
        assertThat(auditor.get("/api/v1/audit/records?actor=" + actor + "&size=1").json().get("hasNext").asBoolean()).isTrue();
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&size=1&page=2").json())).containsExactly(gaReadsRs);
        String today = java.time.LocalDate.now().toString();
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&from=" + today + "&to=" + today).json())).hasSize(3);
        assertThat(seqs(auditor.get("/api/v1/audit/records?actor=" + actor + "&to=" + java.time.LocalDate.now().minusDays(1)).json())).isEmpty();
        assertThat(auditor.get("/api/v1/audit/records?from=yesterday").json().get("code").asString()).isEqualTo("REQUEST_INVALID_PARAMETER");
        assertThat(seqs(signedIn("dsj_admin").get("/api/v1/audit/records?actor=" + actor).json())).hasSize(3);
    }

    private static List<Long> seqs(JsonNode page) {
        var list = new ArrayList<Long>();
        page.get("records").forEach(r -> list.add(r.get("seq").asLong()));
        return list;
    }

    @Test
    void keysDecodeAsPublished() {
        var x509 = anonymous().get("/api/v1/audit/public-key").json().get("x509").asString();
        assertThat(Base64.getDecoder().decode(x509)).isEqualTo(heads.publicKey().getEncoded());
    }
}
