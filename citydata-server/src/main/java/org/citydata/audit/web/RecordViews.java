package org.citydata.audit.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.util.Map;
import java.util.stream.Collectors;
import org.citydata.audit.LoggedRecord;
import org.citydata.audit.Proofs;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.platform.web.Messages;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.json.JsonMapper;

/** What the log browser's and the person's record pages both show: department names, and a record with its proof. */
@Component
class RecordViews {

    private final Proofs proofs;
    private final Departments departments;
    private final Messages messages;
    private final JsonMapper json;

    RecordViews(Proofs proofs, Departments departments, Messages messages, JsonMapper json) {
        this.proofs = proofs;
        this.departments = departments;
        this.messages = messages;
        this.json = json;
    }

    Map<Long, String> departmentNames() {
        return departments.all().stream().collect(Collectors.toMap(Department::id, d -> d.name(Messages.locale())));
    }

    /** The record, its proof against the latest signed head checked as a client would, or why there is none yet. */
    void addRecord(Model model, LoggedRecord record) {
        model.addAttribute("r", record);
        model.addAttribute("departmentNames", departmentNames());
        var proof = proofs.inclusion(record, null);
        if (proof.succeeded()) {
            model.addAttribute("proof", proof.value());
            model.addAttribute("check", unwrap(proofs.check(proof.value())));
            model.addAttribute("proofJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(proof.value()));
        } else {
            model.addAttribute("proofProblem", messages.problem(proof.problem()));
        }
    }
}
