package org.citydata.audit.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.util.Optional;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.AccessRecords;
import org.citydata.audit.InclusionProof;
import org.citydata.audit.LogVerification;
import org.citydata.audit.Proofs;
import org.citydata.audit.RecordFilter;
import org.citydata.audit.TreeHeads;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console pages of 访问留痕: the log's records (to those who may see them), one record with its proof checked against
 * the latest signed head, and the verification page — open to anyone for checking a proof, with the whole-log
 * verification for the bureau and auditors.
 */
@PageController
class AuditPages {

    private static final int PAGE = 50;

    private final AccessRecords records;
    private final Proofs proofs;
    private final TreeHeads heads;
    private final LogVerification verification;
    private final Departments departments;
    private final AccessPolicy policy;
    private final Messages messages;
    private final JsonMapper json;
    private final RecordViews views;

    AuditPages(AccessRecords records, Proofs proofs, TreeHeads heads, LogVerification verification, Departments departments,
               AccessPolicy policy, Messages messages, JsonMapper json, RecordViews views) {
        this.views = views;
        this.records = records;
        this.proofs = proofs;
        this.heads = heads;
        this.verification = verification;
        this.departments = departments;
        this.policy = policy;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/audit/records")
    String records(Actor actor, @RequestParam(required = false) String resource, @RequestParam(required = false) String department,
                   @RequestParam(name = "actor", required = false) String reader, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(defaultValue = "0") int page, Model model) {
        var filter = unwrap(RecordFilter.parse(resource, department, reader, outcome, from, to));
        var found = unwrap(records.find(actor, filter, page, PAGE));
        model.addAttribute("records", found.records());
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("all", policy.canSeeAllDepartments(actor));
        model.addAttribute("outcomes", AccessRecord.Outcome.values());
        model.addAttribute("departments", departments.all());
        model.addAttribute("departmentNames", views.departmentNames());
        var link = UriComponentsBuilder.fromPath("/audit/records");
        String[][] params = {{"resource", resource}, {"department", department}, {"actor", reader}, {"outcome", outcome}, {"from", from}, {"to", to}};
        for (var p : params) if (p[1] != null && !p[1].isBlank()) link.queryParam(p[0], p[1].strip());
        model.addAttribute("prevUrl", found.page() > 0 ? link.cloneBuilder().queryParam("page", found.page() - 1).encode().build().toUriString() : null);
        model.addAttribute("nextUrl", found.hasNext() ? link.cloneBuilder().queryParam("page", found.page() + 1).encode().build().toUriString() : null);
        return "audit/records";
    }

    @GetMapping("/audit/records/{seq}")
    String record(Actor actor, @PathVariable long seq, Model model) {
        views.addRecord(model, unwrap(records.get(actor, seq)));
        return "audit/record";
    }

    @GetMapping("/audit/verify")
    String verify(Optional<Actor> actor, Model model) {
        boolean canVerify = actor.map(policy::canVerifyAccessLog).orElse(false);
        model.addAttribute("canVerify", canVerify);
        model.addAttribute("run", actor.flatMap(verification::latest).orElse(null));
        model.addAttribute("publicKeyPem", heads.publicKeyPem());
        model.addAttribute("latest", heads.latest().orElse(null));
        return "audit/verify";
    }

    /** Checks a pasted proof (the proof API's JSON) with the kernel's verifiers and the log's public key. */
    @PostMapping("/audit/verify/proof")
    String checkProof(Optional<Actor> actor, @RequestParam(defaultValue = "") String proof, Model model) {
        model.addAttribute("proofText", proof);
        try {
            var parsed = json.readValue(proof, InclusionProof.class);
            var check = proofs.check(parsed);
            if (check.succeeded()) model.addAttribute("check", check.value());
            else model.addAttribute("problem", messages.problem(check.problem()));
        } catch (JacksonException e) {
            model.addAttribute("problem", messages.problem(Problem.of(Problem.Kind.INVALID, "AUDIT_MALFORMED_PROOF", e.getOriginalMessage())));
        }
        return verify(actor, model);
    }

    @PostMapping("/audit/verify/runs")
    String start(Actor actor, RedirectAttributes redirect) {
        var run = verification.start(actor);
        if (!run.succeeded()) redirect.addFlashAttribute("problem", messages.problem(run.problem()));
        return "redirect:/audit/verify";
    }

    @GetMapping("/audit/verify/runs/{id}/progress")
    String progress(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("run", unwrap(verification.run(actor, id)));
        return "audit/verify :: run";
    }
}
