package org.citydata.audit.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citydata.audit.AccessRecords;
import org.citydata.audit.ConsistencyProof;
import org.citydata.audit.InclusionProof;
import org.citydata.audit.LogVerification;
import org.citydata.audit.LoggedRecord;
import org.citydata.audit.Proofs;
import org.citydata.audit.RecordFilter;
import org.citydata.audit.RecordPage;
import org.citydata.audit.SignedHead;
import org.citydata.audit.TreeHeads;
import org.citydata.audit.VerificationRun;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "留痕: the tamper-evident access log — records, signed tree heads, inclusion and consistency proofs, verification")
class AuditApi {

    private final AccessRecords records;
    private final TreeHeads heads;
    private final Proofs proofs;
    private final LogVerification verification;

    AuditApi(AccessRecords records, TreeHeads heads, Proofs proofs, LogVerification verification) {
        this.records = records;
        this.heads = heads;
        this.proofs = proofs;
        this.verification = verification;
    }

    /** {@code x509}: base64 X.509 SubjectPublicKeyInfo; {@code pem}: the same as a PEM block. */
    record PublicKeyView(String algorithm, String x509, String pem) {}

    @GetMapping("/public-key")
    @Operation(summary = "The Ed25519 public key that signs tree heads (no sign-in needed)")
    PublicKeyView publicKey() {
        return new PublicKeyView("Ed25519", heads.publicKeyBase64(), heads.publicKeyPem());
    }

    @GetMapping("/heads/latest")
    @Operation(summary = "The latest signed tree head: size, Merkle root (hex), timestamp, Ed25519 signature (base64); no sign-in needed")
    SignedHead latestHead() {
        return heads.latest().orElseThrow(() -> new ProblemException(Problem.of(Problem.Kind.NOT_FOUND, "AUDIT_NO_HEAD")));
    }

    @GetMapping("/heads")
    @Operation(summary = "Signed tree heads, newest first (no sign-in needed)")
    List<SignedHead> heads(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return heads.list(page, size);
    }

    @GetMapping("/records")
    @Operation(summary = "Access records, newest first: every record for the bureau and auditors; for a department's data "
            + "officers and administrators, the reads it made and the reads of its resources")
    RecordPage records(Actor actor,
                       @RequestParam(required = false) @Parameter(description = "resource code") String resource,
                       @RequestParam(required = false) @Parameter(description = "department code: its reads and the reads of its resources") String department,
                       @RequestParam(name = "actor", required = false) @Parameter(description = "the reader: a user name, or token#id name") String reader,
                       @RequestParam(required = false) @Parameter(description = "ALLOWED or DENIED") String outcome,
                       @RequestParam(required = false) @Parameter(description = "from (inclusive): 2026-11-21, 2026-11-21T09:30 or an ISO instant") String from,
                       @RequestParam(required = false) @Parameter(description = "to (exclusive; a date includes that day)") String to,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var filter = unwrap(RecordFilter.parse(resource, department, reader, outcome, from, to));
        return unwrap(records.find(actor, filter, page, size));
    }

    @GetMapping("/records/{seq}")
    @Operation(summary = "One record with its subject hashes and leaf hash")
    LoggedRecord record(Actor actor, @PathVariable long seq) {
        return unwrap(records.get(actor, seq));
    }

    @GetMapping("/records/{seq}/proof")
    @Operation(summary = "The record's inclusion proof against the latest signed head, or the signed head of `size` records")
    InclusionProof proof(Actor actor, @PathVariable long seq,
                         @RequestParam(required = false) @Parameter(description = "the size of a signed head") Long size) {
        return unwrap(proofs.inclusion(actor, seq, size));
    }

    @GetMapping("/consistency")
    @Operation(summary = "The consistency proof between two signed heads: the log of `to` records extends the log of `from` (no sign-in needed)")
    ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        return unwrap(proofs.consistency(from, to));
    }

    @PostMapping("/verify")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Verify the whole log in the background (bureau and auditors): every record re-hashed, every signed head checked; answers the run")
    VerificationRun verify(Actor actor) {
        return unwrap(verification.start(actor));
    }

    @GetMapping("/verify/{id}")
    @Operation(summary = "A verification run: its progress, then its verdict (the first altered, missing or moved record)")
    VerificationRun verification(Actor actor, @PathVariable long id) {
        return unwrap(verification.run(actor, id));
    }
}
