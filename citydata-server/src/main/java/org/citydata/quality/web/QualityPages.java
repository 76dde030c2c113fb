package org.citydata.quality.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.util.Map;
import java.util.stream.Collectors;
import org.citydata.catalog.SingleSource;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.quality.CrossCheck;
import org.citydata.quality.ItemHolders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of 数据校核: the checks a department may see, one check's conflicts, running a check, declaring a holder. */
@PageController
class QualityPages {

    private static final int PAGE = 50;

    private final CrossCheck crossCheck;
    private final ItemHolders holders;
    private final SingleSource singleSource;
    private final Departments departments;
    private final AccessPolicy policy;
    private final Messages messages;

    QualityPages(CrossCheck crossCheck, ItemHolders holders, SingleSource singleSource, Departments departments,
                 AccessPolicy policy, Messages messages) {
        this.crossCheck = crossCheck;
        this.holders = holders;
        this.singleSource = singleSource;
        this.departments = departments;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/quality/cross-checks")
    String list(Actor actor, @RequestParam(defaultValue = "0") int page, Model model) {
        var runs = unwrap(crossCheck.runs(actor, null, null, page, PAGE));
        model.addAttribute("runs", runs);
        model.addAttribute("page", Math.max(page, 0));
        model.addAttribute("hasNext", runs.size() == PAGE);
        model.addAttribute("runnable", crossCheck.itemsRunnableBy(actor));
        model.addAttribute("holders", holders.all(actor));
        model.addAttribute("items", singleSource.all());
        model.addAttribute("canDeclare", policy.canEditResourcesOf(actor, actor.departmentId()));
        model.addAttribute("departmentNames", departmentNames());
        return "quality/cross-checks";
    }

    @GetMapping("/quality/cross-checks/{id}")
    String detail(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        var conflicts = unwrap(crossCheck.conflicts(actor, id, page, PAGE));
        model.addAttribute("run", conflicts.run());
        model.addAttribute("conflicts", conflicts);
        model.addAttribute("hasNext", (long) (conflicts.page() + 1) * conflicts.size() < conflicts.total());
        model.addAttribute("canRun", crossCheck.itemsRunnableBy(actor).contains(conflicts.run().item()));
        model.addAttribute("departmentNames", departmentNames());
        return "quality/cross-check";
    }

    @PostMapping("/quality/cross-checks")
    String run(Actor actor, @RequestParam String item, @RequestParam(required = false) String resource,
               RedirectAttributes redirect) {
        var ran = crossCheck.run(actor, item, resource);
        if (!ran.succeeded()) {
            redirect.addFlashAttribute("problem", messages.problem(ran.problem()));
            return "redirect:/quality/cross-checks";
        }
        if (ran.value().size() == 1) return "redirect:/quality/cross-checks/" + ran.value().get(0).id();
        redirect.addFlashAttribute("notice", messages.get("quality.ran", ran.value().size()));
        return "redirect:/quality/cross-checks";
    }

    @PostMapping("/quality/held-items")
    String declare(Actor actor, @RequestParam String resource, @RequestParam String item, @RequestParam String field,
                   RedirectAttributes redirect) {
        var declared = holders.declare(actor, resource.strip(), new ItemHolders.Declaration(item, field.strip()));
        if (declared.succeeded()) redirect.addFlashAttribute("notice", messages.get("quality.declared", item, resource.strip()));
        else redirect.addFlashAttribute("problem", messages.problem(declared.problem())
                + declared.problem().violations().stream().map(v -> " " + messages.violation(v)).collect(Collectors.joining()));
        return "redirect:/quality/cross-checks";
    }

    /** Department code → name in the reader's language. */
    private Map<String, String> departmentNames() {
        return departments.all().stream().collect(Collectors.toMap(Department::code, d -> d.name(Messages.locale())));
    }
}
